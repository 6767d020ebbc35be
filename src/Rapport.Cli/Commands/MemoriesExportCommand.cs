using System.CommandLine;
using Rapport.Cli.Hosting;
using Rapport.Cli.Output;
using Rapport.Memory;

namespace Rapport.Cli.Commands;

/// <summary><c>rapport memories export --user U</c>: everything Rapport holds about a user, as one JSON document.</summary>
/// <remarks>Memories (without their embeddings, which are derived from the situation), session reflections and the profile.
/// Always JSON, with or without <c>--json</c>.</remarks>
internal sealed class MemoriesExportCommand : CliCommand
{
    private readonly Option<string> User = MemoryOptions.User();

    public MemoriesExportCommand(CliContext context)
        : base("export", "Print everything Rapport holds about a user as JSON: memories, reflections, profile", context)
    {
        Options.Add(User);
    }

    /// <summary>Lists every live memory of <paramref name="user"/> (the store's own count sets the limit).</summary>
    internal static async Task<IReadOnlyList<Intervention>> AllMemoriesAsync(RapportMemory memory, string user, CancellationToken cancellationToken)
    {
        var stats = await memory.GetStatsAsync(user, cancellationToken).ConfigureAwait(false);
        return stats.Interventions == 0 ? [] : await memory.ListAsync(user, (int)Math.Min(stats.Interventions + 1, int.MaxValue), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override bool ReadsOnly => true;

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliHost host, CancellationToken cancellationToken)
    {
        var user = MemoryIds.ValidateUserId(parse.GetValue(User));
        RequireExistingStore(host);
        var memories = await AllMemoriesAsync(host.Memory, user, cancellationToken).ConfigureAwait(false);
        var stats = await host.Memory.GetStatsAsync(user, cancellationToken).ConfigureAwait(false);
        var reflections = stats.Reflections == 0
            ? []
            : await host.Memory.ListReflectionsAsync(user, (int)Math.Min(stats.Reflections + 1, int.MaxValue), cancellationToken).ConfigureAwait(false);
        var profile = await host.Memory.GetProfileAsync(user, cancellationToken).ConfigureAwait(false);
        Console.WriteJson(
            new UserExportJson(user, host.Time.GetUtcNow(), [.. memories.Select(m => InterventionJson.From(m))], reflections, profile),
            CliJson.Output.UserExportJson);
        return ExitCodes.Success;
    }
}
