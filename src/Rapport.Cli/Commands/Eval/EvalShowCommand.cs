using System.CommandLine;
using Rapport.Cli.Hosting;
using Rapport.Cli.Output;
using Rapport.Evaluation.Comparison;
using Rapport.Evaluation.Runs;

namespace Rapport.Cli.Commands.Eval;

/// <summary><c>rapport eval show RUN</c>: one run's metrics and every case.</summary>
internal sealed class EvalShowCommand : CliCommand
{
    private readonly Argument<string> Run = new("run") { Description = "The run id (or a unique start or end of it)" };

    public EvalShowCommand(CliContext context)
        : base("show", "Show one evaluation run: metrics and every case", context)
    {
        Arguments.Add(Run);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliHost host, CancellationToken cancellationToken)
    {
        var id = parse.GetValue(Run)!;
        var run = await FileEvaluationRunStore.InHome(host.Home).GetAsync(id, cancellationToken)
            ?? throw new CliNotFoundException($"No evaluation run '{id}' (see rapport eval list).");
        if (parse.GetValue(Context.Global.Json))
        {
            Console.WriteJson(run, CliJson.Output.EvaluationRun);
            return ExitCodes.Success;
        }

        var summary = RunSummary.Of(run);
        Console.WriteLine($"run {run.Id}: {run.DatasetName} ({run.DatasetHash}) x {run.TargetDescription} (config {run.TargetConfigurationHash}), parallel {run.MaxParallelism}");
        Console.Write(EvalTables.Metrics(summary));
        Console.Write(EvalTables.Cases(run));
        return ExitCodes.Success;
    }
}
