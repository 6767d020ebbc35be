using Rapport.Evaluation;
using Rapport.Evaluation.Runs;

namespace Rapport.Cli.Commands.Eval;

/// <summary>Says why a run's target or judge produced nothing: when every judge score of the run failed, the first error in full and a count of the rest.</summary>
internal static class EvalJudgeFailures
{
    /// <summary>Returns why the target answered no case, when every case it was asked failed (the first error in full and a count of
    /// the rest), or <see langword="null"/>.</summary>
    public static string? DescribeTarget(EvaluationRun run)
    {
        var failed = run.Cases.Where(c => c.Error is not null).ToList();
        if (failed.Count == 0 || run.Cases.Any(c => c.Error is null))
        {
            return null;
        }

        var rest = failed.Count - 1;
        var first = failed[0].Error!.StartsWith(nameof(Hosting.ChatModelException) + ": ", StringComparison.Ordinal)
            ? failed[0].Error![(nameof(Hosting.ChatModelException).Length + 2)..]
            : failed[0].Error;
        return $"the target answered no case ({failed.Count} of {failed.Count} failed); the first error: {first}" +
            (rest == 0 ? "" : $" (and {rest} more {(rest == 1 ? "failure" : "failures")})");
    }

    /// <summary>Returns the message, or <see langword="null"/> when at least one judge score has a value (or there were none).</summary>
    public static string? Describe(EvaluationRun run)
    {
        var judged = run.Cases.SelectMany(c => c.Scores).Where(s => s.Name == ScorerNames.SupportivenessJudge).ToList();
        if (judged.Count == 0 || judged.Any(s => !s.IsFailure))
        {
            return null;
        }

        var rest = judged.Count - 1;
        return $"every judge call of the run failed ({judged.Count} of {judged.Count}); the first error: {judged[0].Error}" +
            (rest == 0 ? "" : $" (and {rest} more {(rest == 1 ? "failure" : "failures")})");
    }
}
