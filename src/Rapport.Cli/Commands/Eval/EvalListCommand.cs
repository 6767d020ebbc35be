using System.CommandLine;
using Rapport.Cli.Hosting;
using Rapport.Cli.Output;
using Rapport.Evaluation;
using Rapport.Evaluation.Comparison;
using Rapport.Evaluation.Runs;

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

        // Two plain lines per run rather than a seven-column table, so a run fits 80 columns and its id never wraps.
        foreach (var s in summaries)
        {
            var headline = s.Metric(ScorerNames.Quality) ?? (s.Metrics.Count > 0 ? s.Metrics[0] : null);
            var started = s.StartedAt.UtcDateTime.ToString("MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
            var score = headline is null ? "" : $"  {TextFit.Line(headline.Name, 16)} {EvalFormat.Score(headline.Mean)}";
            Console.Output.WriteLine($"{s.RunId}  {started} UTC  {EvalFormat.Count(s.Cases)} cases  {EvalFormat.Count(s.TargetErrors + s.FailedScores)} failed{score}");
            Console.Output.WriteLine("   " + TextFit.Line($"{s.Dataset} x {s.Target}", TextFit.Width - 3));
        }
        return ExitCodes.Success;
    }
}
