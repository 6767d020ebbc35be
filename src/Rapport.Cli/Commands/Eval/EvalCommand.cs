using System.CommandLine;

namespace Rapport.Cli.Commands.Eval;

/// <summary><c>rapport eval</c>: run datasets against targets, list and show runs, compare them.</summary>
internal sealed class EvalCommand : Command
{
    public EvalCommand(CliContext context)
        : base("eval", "Evaluate responses on a dataset, and compare runs")
    {
        Subcommands.Add(new EvalRunCommand(context));
        Subcommands.Add(new EvalListCommand(context));
        Subcommands.Add(new EvalShowCommand(context));
        Subcommands.Add(new EvalCompareCommand(context));
    }
}
