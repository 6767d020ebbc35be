namespace Rapport.Learning;

/// <summary>The <see cref="OutcomeMetric"/> learnt from <see cref="ISituationOutcomeSource"/>, relearnt once it is older
/// than <see cref="LearningOptions.OutcomeMetricRefresh"/>.</summary>
/// <remarks>When it is relearnt, in the background or not, and what a failed read does: <see cref="PeriodicRead{T}"/> (with
/// <see cref="LearningOptions.RefreshPopulationInBackground"/>); until a metric is learnt (or with too little data) there is
/// none, and similarity is not learnt. Thread-safe.</remarks>
internal sealed class PopulationMetric
{
    /// <summary>The operation a failed read is counted under in <c>rapport.store.errors</c>.</summary>
    public const string Operation = "situation_outcomes";

    private readonly PeriodicRead<OutcomeMetric?>? _metric;

    /// <summary>Creates the metric over the store's outcomes.</summary>
    /// <param name="source">The store's outcomes with their vectors, or <see langword="null"/> for none.</param>
    /// <param name="options">The learning options.</param>
    /// <param name="time">The clock.</param>
    /// <param name="dataSource">The store's id on the failure metric (<see cref="Telemetry.TracingMemoryStore.DataSourceId"/>).</param>
    public PopulationMetric(ISituationOutcomeSource? source, LearningOptions options, TimeProvider time, string dataSource = "store")
    {
        if (source is not null && options.LearnSimilarityFromOutcomes)
        {
            _metric = new PeriodicRead<OutcomeMetric?>(
                async () => OutcomeMetric.Learn(
                    await source.GetSituationOutcomesAsync(options.OutcomeMetricSamples).ConfigureAwait(false),
                    options.OutcomeMetricDimensions, options.OutcomeMetricMinimumUsers),
                null, options.OutcomeMetricRefresh, options.RefreshPopulationInBackground, time, dataSource, Operation);
        }
    }

    /// <summary>Returns the current metric, or <see langword="null"/> when there is none (no source, learning off, too little
    /// data, or the store could not be read yet).</summary>
    public Task<OutcomeMetric?> GetAsync(CancellationToken cancellationToken) =>
        _metric?.GetAsync(cancellationToken) ?? Task.FromResult<OutcomeMetric?>(null);
}
