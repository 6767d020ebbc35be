using Rapport.Telemetry;

namespace Rapport.Learning;

/// <summary>The <see cref="OutcomeMetric"/> learnt from <see cref="ISituationOutcomeSource"/>, relearnt once it is older
/// than <see cref="LearningOptions.OutcomeMetricRefresh"/>.</summary>
/// <remarks>
/// <para>
/// One refresh runs at a time. The first caller, and with <see cref="LearningOptions.OutcomeMetricRefreshInBackground"/> off
/// every caller that finds the metric stale, waits for it (so every turn after a refresh sees the same metric, which keeps
/// the demo reproducible); with it on, a caller that finds a learnt metric stale starts the refresh and goes on with the old
/// one, so no turn waits for the second of CPU a refresh costs.
/// </para>
/// <para>
/// The metric only sharpens the learning, so a refresh that fails (the store could not be read) never fails a turn: the turn
/// goes on with what was learnt before (or with the embeddings' similarity when nothing was), the failure is counted in
/// <c>rapport.store.errors</c> (operation <c>learning.situation_outcomes</c>), and the next caller after
/// <see cref="RetryAfterFailure"/> (or the refresh interval, when shorter) tries again. Thread-safe.
/// </para>
/// </remarks>
internal sealed class PopulationMetric(ISituationOutcomeSource? source, LearningOptions options, TimeProvider time, string dataSourceId = "store")
{
    /// <summary>How long after a failed refresh the next is tried, unless the refresh interval is shorter.</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(1);

    /// <summary>The operation a failed refresh is counted under in <c>rapport.store.errors</c>.</summary>
    public const string RefreshOperation = "learning.situation_outcomes";

    private readonly Lock _gate = new();
    private Snapshot _snapshot = new(null, Learnt: false, StaleAt: DateTimeOffset.MinValue);
    private Task<Snapshot>? _refresh;

    /// <summary>Returns the current metric, or <see langword="null"/> when there is none (no source, learning off, too little
    /// data, or the store could not be read yet).</summary>
    public async Task<OutcomeMetric?> GetAsync(CancellationToken cancellationToken)
    {
        if (source is null || !options.LearnSimilarityFromOutcomes)
        {
            return null;
        }

        Task<Snapshot> refresh;
        lock (_gate)
        {
            var current = _snapshot;
            if (time.GetUtcNow() < current.StaleAt)
            {
                return current.Metric;
            }

            // The refresh is shared, so it does not stop when one waiting caller is cancelled; it starts on the thread pool, so
            // it never runs (nor replaces _snapshot) inside this lock.
            refresh = _refresh ??= Task.Run(() => RefreshAsync(source, current), CancellationToken.None);
            if (options.OutcomeMetricRefreshInBackground && current.Learnt)
            {
                return current.Metric;
            }
        }

        return (await refresh.WaitAsync(cancellationToken).ConfigureAwait(false)).Metric;
    }

    private async Task<Snapshot> RefreshAsync(ISituationOutcomeSource from, Snapshot previous)
    {
        Snapshot next;
        try
        {
            var outcomes = await from.GetSituationOutcomesAsync(options.OutcomeMetricSamples).ConfigureAwait(false);
            var metric = OutcomeMetric.Learn(outcomes, options.OutcomeMetricDimensions, options.OutcomeMetricMinimumUsers);
            next = new Snapshot(metric, Learnt: true, StaleAt: time.GetUtcNow() + options.OutcomeMetricRefresh);
        }
        catch (Exception error)
        {
            RapportTelemetry.RecordStoreError(dataSourceId, RefreshOperation, error);
            var retry = options.OutcomeMetricRefresh < RetryAfterFailure ? options.OutcomeMetricRefresh : RetryAfterFailure;
            next = previous with { StaleAt = time.GetUtcNow() + retry };
        }

        // The new snapshot and the end of this refresh are one step, so no caller starts another refresh in between.
        lock (_gate)
        {
            _snapshot = next;
            _refresh = null;
        }

        return next;
    }

    private sealed record Snapshot(OutcomeMetric? Metric, bool Learnt, DateTimeOffset StaleAt);
}
