using System.CommandLine;
using Rapport.Cli.Hosting;
using Rapport.Cli.Output;
using Rapport.Memory;
using Spectre.Console;

namespace Rapport.Cli.Commands;

/// <summary><c>rapport stats</c>: counts of live records, for the store or one user.</summary>
internal sealed class StatsCommand : CliCommand
{
    private readonly Option<string?> User = new("--user", "-u") { Description = "Count only this user's records" };

    public StatsCommand(CliContext context)
        : base("stats", "Count live memories, reflections and profiles", context)
    {
        Options.Add(User);
    }

    /// <inheritdoc />
    protected override bool ReadsOnly => true;

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliHost host, CancellationToken cancellationToken)
    {
        var user = parse.GetValue(User) is { } u ? MemoryIds.ValidateUserId(u) : null;
        RequireExistingStore(host);
        var stats = await host.Memory.GetStatsAsync(user, cancellationToken).ConfigureAwait(false);
        if (parse.GetValue(Context.Global.Json))
        {
            Console.WriteJson(
                new StatsJson(host.Memory.StoreDescription, stats.UserId, stats.Users, stats.Interventions, stats.Helped, stats.NotHelped, stats.Reflections, stats.Profiles),
                CliJson.Output.StatsJson);
            return ExitCodes.Success;
        }

        Console.WriteLine(user is null ? host.Memory.StoreDescription : $"{user} in {host.Memory.StoreDescription}");
        var table = new Table().AddColumns("record", "count");
        table.AddRow("users", stats.Users.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("interventions", stats.Interventions.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("  helped", stats.Helped.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("  not helped", stats.NotHelped.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("reflections", stats.Reflections.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("profiles", stats.Profiles.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Console.Write(table);
        return ExitCodes.Success;
    }
}
