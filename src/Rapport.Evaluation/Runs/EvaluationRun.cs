namespace Rapport.Evaluation.Runs;

/// <summary>One evaluation: a dataset, a target and scorers, with every case's result.</summary>
/// <remarks>Immutable once the runner returns it; persisted by an <see cref="IEvaluationRunStore"/>.</remarks>
public sealed record EvaluationRun
{
    /// <summary>Gets the run id, for example <c>run-20261124-0512-3fa9</c> (sortable by start).</summary>
    public required string Id { get; init; }

    /// <summary>Gets when the run started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Gets how long the whole run took, in milliseconds.</summary>
    public double DurationMs { get; init; }

    /// <summary>Gets the dataset name.</summary>
    public required string DatasetName { get; init; }

    /// <summary>Gets the hash of the dataset's content; runs are comparable when it is equal.</summary>
    public required string DatasetHash { get; init; }

    /// <summary>Gets the target's description.</summary>
    public required string TargetDescription { get; init; }

    /// <summary>Gets the hash of the target's configuration.</summary>
    public required string TargetConfigurationHash { get; init; }

    /// <summary>Gets the metric names every case was scored on.</summary>
    public IReadOnlyList<string> Metrics { get; init; } = [];

    /// <summary>Gets how many cases ran at once.</summary>
    public int MaxParallelism { get; init; }

    /// <summary>Gets the results, in dataset order.</summary>
    public IReadOnlyList<CaseResult> Cases { get; init; } = [];
}
