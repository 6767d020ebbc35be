using System.CommandLine;
using Rapport.Cli.Hosting;
using Rapport.Cli.Output;
using Rapport.Evaluation.Comparison;
using Rapport.Evaluation.Runs;

namespace Rapport.Cli.Commands.Eval;

/// <summary><c>rapport eval compare RUN RUN...</c>: a leaderboard, and which cases got better or worse than the first run.</summary>
internal sealed class EvalCompareCommand : CliCommand
{
    private readonly Argument<string[]> Runs = new("runs") { Description = "Two or more run ids on the same dataset; the first is the baseline", Arity = new ArgumentArity(2, 20) };
    private readonly Option<string?> Markdown = new("--markdown", "-m") { Description = "Also write the comparison as a Markdown report to this file" };

    public EvalCompareCommand(CliContext context)
        : base("compare", "Compare runs on the same dataset: leaderboard and per-case changes", context)
    {
        Arguments.Add(Runs);
        Options.Add(Markdown);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliHost host, CancellationToken cancellationToken)
    {
        var store = FileEvaluationRunStore.InHome(host.Home);
        var runs = new List<EvaluationRun>();
        foreach (var id in parse.GetValue(Runs) ?? [])
        {
            runs.Add(await store.GetAsync(id, cancellationToken) ?? throw new CliNotFoundException($"No evaluation run '{id}' (see rapport eval list)."));
        }

        var comparison = RunComparison.Of(runs);
        var metrics = runs[0].Metrics.Where(m => runs.All(r => r.Metrics.Contains(m))).ToList();
        if (parse.GetValue(Markdown) is { } path)
        {
            await File.WriteAllTextAsync(path, ComparisonMarkdown.Render(comparison, metrics), cancellationToken);
            Console.Notice($"wrote {path}");
        }

        if (parse.GetValue(Context.Global.Json))
        {
            Console.WriteJson(comparison, CliJson.Output.RunComparison);
            return ExitCodes.Success;
        }

        Console.WriteLine($"{runs[0].DatasetName}: {runs.Count} runs, baseline {runs[0].Id}");
        Console.Write(EvalTables.Leaderboard(comparison.Runs, metrics));
        foreach (var change in comparison.MetricChanges)
        {
            Console.WriteLine($"{change.RunId} vs baseline: {change.Metric} {EvalFormat.Delta(change.MeanDelta)} ({EvalFormat.Verdict(change.Verdict)})");
        }

        foreach (var (runId, changes) in comparison.CaseChanges)
        {
            var better = changes.Where(c => c.Verdict == ChangeVerdict.Better).Select(c => c.CaseId).Distinct().Count();
            var worse = changes.Where(c => c.Verdict == ChangeVerdict.Worse).Select(c => c.CaseId).Distinct().Count();
            Console.WriteLine($"cases in {runId} vs baseline: {better} with a better score, {worse} with a worse one");
            if (changes.Count > 0)
            {
                Console.Write(EvalTables.CaseChanges(changes));
            }
        }

        return ExitCodes.Success;
    }
}
