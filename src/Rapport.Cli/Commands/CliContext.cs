using Rapport.Cli.Hosting;
using Rapport.Cli.Output;

namespace Rapport.Cli.Commands;

/// <summary>What the commands of one invocation share: the console and how to create a host.</summary>
/// <param name="Console">Where output goes.</param>
/// <param name="TimeProvider">The clock (a fake one in tests).</param>
/// <param name="Environment">Reads an environment variable (the process's, or a test's own set).</param>
internal sealed record CliContext(CliConsole Console, TimeProvider TimeProvider, Func<string, string?> Environment)
{
    /// <summary>Gets the options every command accepts.</summary>
    public GlobalOptions Global { get; } = new();

    /// <summary>Creates the host for one command run; <paramref name="readOnlyStore"/> opens a SQLite store for reading only, and
    /// <paramref name="embedder"/> is the embedder a command's own option names (over <c>RAPPORT_EMBEDDER</c>).</summary>
    public CliHost CreateHost(string? store, string? home, bool readOnlyStore = false, string? embedder = null, ChatModelSettings? coachModel = null) =>
        new(store, home, TimeProvider, Console, Environment, readOnlyStore, embedder, coachModel);
}
