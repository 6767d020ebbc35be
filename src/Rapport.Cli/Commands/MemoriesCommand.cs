using System.CommandLine;

namespace Rapport.Cli.Commands;

/// <summary><c>rapport memories</c>: what Rapport holds about one user.</summary>
internal sealed class MemoriesCommand : Command
{
    public MemoriesCommand(CliContext context)
        : base("memories", "Show or export what Rapport holds about a user")
    {
        Subcommands.Add(new MemoriesListCommand(context));
        Subcommands.Add(new MemoriesExportCommand(context));
    }
}
