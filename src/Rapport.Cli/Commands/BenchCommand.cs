using System.CommandLine;

namespace Rapport.Cli.Commands;

/// <summary><c>rapport bench</c>: measurements users run on their own data.</summary>
internal sealed class BenchCommand : Command
{
    public BenchCommand(CliContext context)
        : base("bench", "Measure Rapport on your own data")
    {
        Subcommands.Add(new BenchRetrievalCommand(context));
    }
}
