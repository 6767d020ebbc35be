using Rapport.Storage;
using Rapport.Telemetry;

namespace Rapport.Learning;

/// <summary>The <see cref="OutcomeMetric"/> learnt from <see cref="ISituationOutcomeSource"/>, relearnt once it is older
/// than <see cref="LearningOptions.OutcomeMetricRefresh"/>.</summary>
/// <remarks>One refresh runs at a time and every caller that finds the metric stale waits for it, so every turn after a
/// refresh sees the same metric (which keeps the demo reproducible) and the work is done once. A read the store cannot answer
/// (<see cref="MemoryStoreException"/>: Redis down, say) does not fail the turn: the metric learnt before is kept (none at
/// first, so similarity is not learnt), the failure is counted (<c>rapport.store.errors</c>, its type only), and the read is
/// tried again after another refresh interval. A refresh that fails otherwise is a fault: it is thrown, and tried again by
/// the next caller. Thread-safe.</remarks>
/// <param name="source">The store's outcomes with their vectors, or <see langword="null"/> for none.</param>
/// <param name="options">The learning options.</param>
/// <param name="time">The clock.</param>
/// <param name="dataSource">The store's id on the failure metric (<see cref="TracingMemoryStore.DataSourceId"/>).</param>
internal sealed class PopulationMetric(ISituationOutcomeSource? source, LearningOptions options, TimeProvider time, string dataSource = "store")
{
    /// <summary>The operation a failed read is counted under.</summary>
    public const string Operation = "situation_outcomes";

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
            var snapshot = await LearnAsync(from).ConfigureAwait(false);
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

    private async Task<Snapshot> LearnAsync(ISituationOutcomeSource from)
    {
        try
        {
            var outcomes = await from.GetSituationOutcomesAsync(options.OutcomeMetricSamples).ConfigureAwait(false);
            return new Snapshot(OutcomeMetric.Learn(outcomes, options.OutcomeMetricDimensions, options.OutcomeMetricMinimumUsers), time.GetUtcNow());
        }
        catch (MemoryStoreException ex)
        {
            RapportTelemetry.RecordStoreError(dataSource, Operation, ex);
            lock (_gate)
            {
                return _snapshot with { LearntAt = time.GetUtcNow() };
            }
        }
    }

    private sealed record Snapshot(OutcomeMetric? Metric, DateTimeOffset LearntAt);
}
