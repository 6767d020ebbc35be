using System.CommandLine;
using Rapport.Cli.Hosting;
using Rapport.Cli.Output;
using Rapport.Evaluation;
using Rapport.Evaluation.Comparison;
using Rapport.Evaluation.Runs;
using Spectre.Console;

namespace Rapport.Cli.Commands.Eval;

/// <summary><c>rapport eval list</c>: the saved runs, newest first.</summary>
internal sealed class EvalListCommand : CliCommand
{
    public EvalListCommand(CliContext context)
        : base("list", "List saved evaluation runs, newest first", context)
    {
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliHost host, CancellationToken cancellationToken)
    {
        var runs = await FileEvaluationRunStore.InHome(host.Home).ListAsync(cancellationToken);
        var summaries = runs.Select(RunSummary.Of).ToList();
        if (parse.GetValue(Context.Global.Json))
        {
            Console.WriteJson(summaries, CliJson.Output.ListRunSummary);
            return ExitCodes.Success;
        }

        if (summaries.Count == 0)
        {
            Console.WriteLine("no evaluation runs yet (rapport eval run --dataset FILE --target recorded:FILE)");
            return ExitCodes.Success;
        }

        var table = new Table().AddColumns("run", "started (UTC)", "dataset", "target", "cases", "quality", "failures");
        foreach (var s in summaries)
        {
            var headline = s.Metric(ScorerNames.Quality) ?? (s.Metrics.Count > 0 ? s.Metrics[0] : null);
            table.AddRow(
                Markup.Escape(s.RunId),
                s.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(s.Dataset),
                Markup.Escape(s.Target),
                EvalFormat.Count(s.Cases),
                headline is null ? "-" : $"{Markup.Escape(headline.Name)} {EvalFormat.Score(headline.Mean)}",
                EvalFormat.Count(s.TargetErrors + s.FailedScores));
        }

        Console.Write(table);
        return ExitCodes.Success;
    }
}
