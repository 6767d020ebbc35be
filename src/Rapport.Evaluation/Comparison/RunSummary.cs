using Rapport.Evaluation.Runs;

namespace Rapport.Evaluation.Comparison;

/// <summary>A run in one row: per-metric statistics, latency and failures.</summary>
/// <remarks>Its JSON names are those of <see cref="EvaluationRun"/> for the same things (<c>id</c>, <c>datasetName</c>,
/// <c>targetDescription</c>), so <c>rapport eval list</c> and <c>rapport eval show</c> agree.</remarks>
public sealed record RunSummary
{
    /// <summary>Gets the run id.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("id")]
    public required string RunId { get; init; }

    /// <summary>Gets the target's description.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("targetDescription")]
    public required string Target { get; init; }

    /// <summary>Gets the target's configuration hash.</summary>
    public required string TargetConfigurationHash { get; init; }

    /// <summary>Gets the dataset name.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("datasetName")]
    public required string Dataset { get; init; }

    /// <summary>Gets when the run started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets the number of cases.</summary>
    public int Cases { get; init; }

    /// <summary>Gets the cases whose target failed.</summary>
    public int TargetErrors { get; init; }

    /// <summary>Gets the failed scores over all metrics.</summary>
    public int FailedScores { get; init; }

    /// <summary>Gets the mean target latency in milliseconds.</summary>
    public double LatencyMeanMs { get; init; }

    /// <summary>Gets the 95th percentile target latency in milliseconds.</summary>
    public double LatencyP95Ms { get; init; }

    /// <summary>Gets one summary per metric, in the run's metric order.</summary>
    public IReadOnlyList<ScorerSummary> Metrics { get; init; } = [];

    /// <summary>Returns the summary of <paramref name="metric"/>, or <see langword="null"/>.</summary>
    public ScorerSummary? Metric(string metric) => Metrics.FirstOrDefault(m => m.Name == metric);

    /// <summary>Summarizes <paramref name="run"/>.</summary>
    public static RunSummary Of(EvaluationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var latencies = run.Cases.Select(c => c.LatencyMs).Order().ToList();
        var metrics = run.Metrics.Select(name => Summarize(name, run.Cases.Select(c => c.Scores.FirstOrDefault(s => s.Name == name)))).ToList();
        return new RunSummary
        {
            RunId = run.Id,
            Target = run.TargetDescription,
            TargetConfigurationHash = run.TargetConfigurationHash,
            Dataset = run.DatasetName,
            StartedAt = run.StartedAt,
            Cases = run.Cases.Count,
            TargetErrors = run.Cases.Count(c => c.Error is not null),
            FailedScores = metrics.Sum(m => m.Failed),
            LatencyMeanMs = latencies.Count == 0 ? 0 : latencies.Average(),
            LatencyP95Ms = latencies.Count == 0 ? 0 : latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(0.95 * latencies.Count) - 1)],
            Metrics = metrics,
        };
    }

    private static ScorerSummary Summarize(string name, IEnumerable<CaseScore?> scores)
    {
        var list = scores.ToList();
        var values = list.Where(s => s?.Value is not null).Select(s => s!.Value!.Value).ToList();
        var verdicts = list.Where(s => s?.Passed is not null).Select(s => s!.Passed!.Value).ToList();
        var failed = list.Count(s => s is null || s.IsFailure);
        var notApplicable = list.Count(s => s is not null && s.Value is null && !s.IsFailure);
        double? mean = values.Count == 0 ? null : values.Average();
        double? spread = mean is { } m ? Math.Sqrt(values.Sum(v => (v - m) * (v - m)) / values.Count) : null;
        double? passRate = verdicts.Count == 0 ? null : verdicts.Count(p => p) / (double)verdicts.Count;
        return new ScorerSummary(name, values.Count, mean, spread, passRate, failed, notApplicable);
    }
}
