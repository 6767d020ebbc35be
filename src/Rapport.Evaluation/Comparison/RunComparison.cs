using Rapport.Evaluation.Runs;

namespace Rapport.Evaluation.Comparison;

/// <summary>A leaderboard of runs on one dataset, and per-case changes between a baseline and each other run.</summary>
public sealed record RunComparison
{
    /// <summary>Gets the runs' summaries, in the order given (the first is the baseline).</summary>
    public required IReadOnlyList<RunSummary> Runs { get; init; }

    /// <summary>Gets, per candidate and metric, the change of the mean against the baseline.</summary>
    public required IReadOnlyList<MetricChange> MetricChanges { get; init; }

    /// <summary>Gets the per-case changes of every candidate against the baseline (only better or worse ones), by candidate run id.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<CaseChange>> CaseChanges { get; init; }

    /// <summary>Compares runs on the same dataset; the first is the baseline.</summary>
    /// <param name="runs">Two or more runs on datasets with the same content hash.</param>
    /// <param name="tolerance">Differences up to this are "same".</param>
    /// <exception cref="ArgumentException">Fewer than two runs, or runs on different datasets.</exception>
    public static RunComparison Of(IReadOnlyList<EvaluationRun> runs, double tolerance = 0.02)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count < 2)
        {
            throw new ArgumentException("Compare needs at least two runs.", nameof(runs));
        }

        var baseline = runs[0];
        var other = runs.FirstOrDefault(r => r.DatasetHash != baseline.DatasetHash);
        if (other is not null)
        {
            throw new ArgumentException(
                $"Run {other.Id} is on dataset {other.DatasetName} ({other.DatasetHash}), run {baseline.Id} on {baseline.DatasetName} " +
                $"({baseline.DatasetHash}); only runs on the same dataset content are comparable.", nameof(runs));
        }

        var summaries = runs.Select(RunSummary.Of).ToList();
        var metricChanges = new List<MetricChange>();
        var caseChanges = new Dictionary<string, IReadOnlyList<CaseChange>>(StringComparer.Ordinal);
        foreach (var (candidate, summary) in runs.Zip(summaries).Skip(1))
        {
            foreach (var metric in baseline.Metrics.Intersect(candidate.Metrics))
            {
                var delta = summary.Metric(metric)?.Mean - summaries[0].Metric(metric)?.Mean;
                metricChanges.Add(new MetricChange(candidate.Id, metric, delta, Verdict(metric, delta, tolerance)));
            }

            caseChanges[candidate.Id] = CompareCases(baseline, candidate, tolerance);
        }

        return new RunComparison { Runs = summaries, MetricChanges = metricChanges, CaseChanges = caseChanges };
    }

    private static List<CaseChange> CompareCases(EvaluationRun baseline, EvaluationRun candidate, double tolerance)
    {
        var candidateCases = candidate.Cases.ToDictionary(c => c.CaseId, StringComparer.Ordinal);
        var changes = new List<CaseChange>();
        foreach (var before in baseline.Cases)
        {
            if (!candidateCases.TryGetValue(before.CaseId, out var after))
            {
                continue;
            }

            foreach (var score in before.Scores)
            {
                var next = after.Scores.FirstOrDefault(s => s.Name == score.Name);
                var verdict = (score.Value, next?.Value) switch
                {
                    ({ } b, { } c) => Verdict(score.Name, c - b, tolerance),
                    (null, { }) when score.IsFailure => ChangeVerdict.Better,
                    ({ }, null) when next?.IsFailure ?? true => ChangeVerdict.Worse,
                    _ => ChangeVerdict.Same,
                };
                if (verdict != ChangeVerdict.Same)
                {
                    changes.Add(new CaseChange(before.CaseId, score.Name, score.Value, next?.Value, verdict));
                }
            }
        }

        return changes;
    }

    // For a metric where lower is better (ScorerNames.LowerIsBetter) a fall is the improvement.
    private static ChangeVerdict Verdict(string metric, double? delta, double tolerance) =>
        RawVerdict(ScorerNames.LowerIsBetter(metric) ? -delta : delta, tolerance);

    private static ChangeVerdict RawVerdict(double? delta, double tolerance) => delta switch
    {
        > 0 when delta > tolerance => ChangeVerdict.Better,
        < 0 when -delta > tolerance => ChangeVerdict.Worse,
        _ => ChangeVerdict.Same,
    };
}
