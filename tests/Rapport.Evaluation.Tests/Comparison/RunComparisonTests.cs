using Rapport.Evaluation;
using Rapport.Evaluation.Comparison;
using Rapport.Evaluation.Runs;
using Rapport.Evaluation.Tests.Runs;

namespace Rapport.Evaluation.Tests.Comparison;

public sealed class RunComparisonTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-01-01T00:00:00Z");

    [Fact]
    public void Of_TwoRuns_SaysWhichIsBetterPerMetricAndPerCase()
    {
        var baseline = FileEvaluationRunStoreTests.Run("base", At, ("a", 0.5), ("b", 0.9), ("c", 0.4));
        var candidate = FileEvaluationRunStoreTests.Run("cand", At, ("a", 1.0), ("b", 0.3), ("c", 0.41));

        var comparison = RunComparison.Of([baseline, candidate]);

        var metric = Assert.Single(comparison.MetricChanges);
        Assert.Equal(ChangeVerdict.Worse, metric.Verdict); // mean 0.60 -> 0.57: beyond the 0.02 tolerance
        Assert.Equal(-0.03, metric.MeanDelta!.Value, 3);
        var changes = comparison.CaseChanges["cand"];
        Assert.Equal(ChangeVerdict.Better, changes.Single(c => c.CaseId == "a").Verdict);
        Assert.Equal(ChangeVerdict.Worse, changes.Single(c => c.CaseId == "b").Verdict);
        Assert.DoesNotContain(changes, c => c.CaseId == "c");
    }

    [Fact]
    public void Of_LowerIsBetterMetric_CallsAFallAnImprovement()
    {
        static EvaluationRun Advice(string id, double share) => FileEvaluationRunStoreTests.Run(id, At, ("a", share)) with
        {
            Metrics = [ScorerNames.AdviceWithoutPermissionShare],
            Cases = [new CaseResult { CaseId = "a", Response = "r", LatencyMs = 1, Scores = [new CaseScore(ScorerNames.AdviceWithoutPermissionShare, share, "why", null, null)] }],
        };

        var comparison = RunComparison.Of([Advice("base", 0.5), Advice("cand", 0.2)]);

        Assert.Equal(ChangeVerdict.Better, Assert.Single(comparison.MetricChanges).Verdict);
        Assert.Equal(ChangeVerdict.Better, Assert.Single(comparison.CaseChanges["cand"]).Verdict);
    }

    [Fact]
    public void Of_DifferentDatasets_Throws()
    {
        var a = FileEvaluationRunStoreTests.Run("a", At, ("x", 1));
        var b = FileEvaluationRunStoreTests.Run("b", At, ("x", 1)) with { DatasetHash = "other" };

        Assert.Throws<ArgumentException>(() => RunComparison.Of([a, b]));
    }

    [Fact]
    public void RunSummary_ComputesMeanSpreadPassRateAndFailures()
    {
        var run = FileEvaluationRunStoreTests.Run("r", At, ("a", 1.0), ("b", 0.5));
        run = run with
        {
            Cases = [.. run.Cases, new Rapport.Evaluation.Runs.CaseResult { CaseId = "c", Error = "down", Scores = [new("brevity", null, null, null, "no response")] }],
        };

        var summary = RunSummary.Of(run);

        var brevity = summary.Metric("brevity")!;
        Assert.Equal(0.75, brevity.Mean);
        Assert.Equal(0.25, brevity.StandardDeviation);
        Assert.Equal(0.5, brevity.PassRate);
        Assert.Equal(1, brevity.Failed);
        Assert.Equal(1, summary.TargetErrors);
        Assert.Equal(1, summary.FailedScores);
    }
}
