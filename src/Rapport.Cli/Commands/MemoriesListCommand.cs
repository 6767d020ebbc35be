using System.CommandLine;
using System.Globalization;
using Rapport.Cli.Hosting;
using Rapport.Cli.Output;
using Rapport.Memory;

namespace Rapport.Cli.Commands;

/// <summary><c>rapport memories list --user U</c>: a user's live memories, newest first.</summary>
internal sealed class MemoriesListCommand : CliCommand
{
    private readonly Option<string> User = MemoryOptions.User();

    public MemoriesListCommand(CliContext context)
        : base("list", "List a user's memories, newest first", context)
    {
        Options.Add(User);
    }

    /// <inheritdoc />
    protected override bool ReadsOnly => true;

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliHost host, CancellationToken cancellationToken)
    {
        var user = MemoryIds.ValidateUserId(parse.GetValue(User));
        RequireExistingStore(host);
        var memories = await MemoriesExportCommand.AllMemoriesAsync(host.Memory, user, cancellationToken).ConfigureAwait(false);
        if (parse.GetValue(Context.Global.Json))
        {
            Console.WriteJson([.. memories.Select(m => InterventionJson.From(m))], CliJson.Output.ListInterventionJson);
            return ExitCodes.Success;
        }

        if (memories.Count == 0)
        {
            Console.Output.WriteLine($"No memories of {user}.");
            return ExitCodes.Success;
        }

        foreach (var m in memories)
        {
            Console.Output.WriteLine($"{m.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}  {TextFit.Line(m.Kind, 20)}  {m.Outcome.ToText()}");
            Console.Output.WriteLine("   id:        " + m.Id);
            Console.Output.WriteLine("   situation: " + TextFit.Line(m.Situation, TextFit.Width - 14));
            Console.Output.WriteLine("   text:      " + TextFit.Line(m.Text, TextFit.Width - 14));
        }

        return ExitCodes.Success;
    }
}
