namespace Rapport.Learning;

/// <summary>The <see cref="OutcomeMetric"/> learnt from <see cref="ISituationOutcomeSource"/>, relearnt once it is older
/// than <see cref="LearningOptions.OutcomeMetricRefresh"/>.</summary>
/// <remarks>One refresh runs at a time and every caller that finds the metric stale waits for it, so every turn after a
/// refresh sees the same metric (which keeps the demo reproducible) and the work is done once. A refresh that fails is
/// tried again by the next caller. Thread-safe.</remarks>
internal sealed class PopulationMetric(ISituationOutcomeSource? source, LearningOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private Snapshot _snapshot = new(null, DateTimeOffset.MinValue);
    private Task<Snapshot>? _refresh;

    /// <summary>Returns the current metric, or <see langword="null"/> when there is none (no source, learning off, too little data).</summary>
    public async Task<OutcomeMetric?> GetAsync(CancellationToken cancellationToken)
    {
        if (source is null || !options.LearnSimilarityFromOutcomes)
        {
            return null;
        }

        Task<Snapshot> refresh;
        lock (_gate)
        {
            if (time.GetUtcNow() - _snapshot.LearntAt < options.OutcomeMetricRefresh)
            {
                return _snapshot.Metric;
            }

            // The refresh is shared, so it does not stop when one waiting caller is cancelled; it starts on the thread pool, so
            // it never runs (nor clears _refresh) inside this lock.
            refresh = _refresh ??= Task.Run(() => RefreshAsync(source), CancellationToken.None);
        }

        return (await refresh.WaitAsync(cancellationToken).ConfigureAwait(false)).Metric;
    }

    private async Task<Snapshot> RefreshAsync(ISituationOutcomeSource from)
    {
        try
        {
            var outcomes = await from.GetSituationOutcomesAsync(options.OutcomeMetricSamples).ConfigureAwait(false);
            var snapshot = new Snapshot(OutcomeMetric.Learn(outcomes, options.OutcomeMetricDimensions, options.OutcomeMetricMinimumUsers), time.GetUtcNow());
            lock (_gate)
            {
                _snapshot = snapshot;
            }

            return snapshot;
        }
        finally
        {
            lock (_gate)
            {
                _refresh = null;
            }
        }
    }

    private sealed record Snapshot(OutcomeMetric? Metric, DateTimeOffset LearntAt);
}
