using Rapport.Memory;
using Rapport.Storage;
using Rapport.Telemetry;

namespace Rapport.Learning;

/// <summary>The population's success rate per kind, read from <see cref="IPopulationStatistics"/> and reused for a while.</summary>
/// <remarks>A read the store cannot answer (<see cref="MemoryStoreException"/>: Redis down, say) does not fail the turn: the rates
/// read before are kept (none at first, so every kind starts <see cref="Uninformed"/>), the failure is counted
/// (<c>rapport.store.errors</c>, its type only), and the read is tried again after another refresh interval rather than at
/// every turn of the outage. Any other exception is a fault and is thrown.</remarks>
/// <param name="source">The store's population statistics, or <see langword="null"/> for none.</param>
/// <param name="refresh">How long rates read are reused.</param>
/// <param name="time">The clock.</param>
/// <param name="dataSource">The store's id on the failure metric (<see cref="TracingMemoryStore.DataSourceId"/>).</param>
internal sealed class PopulationPrior(IPopulationStatistics? source, TimeSpan refresh, TimeProvider time, string dataSource = "store")
{
    /// <summary>The rate assumed for a kind nobody has tried: as likely to help as not.</summary>
    public const double Uninformed = 0.5;

    /// <summary>The operation a failed read is counted under.</summary>
    public const string Operation = "population_statistics";

    private static readonly IReadOnlyDictionary<string, double> Empty = new Dictionary<string, double>();
    private Snapshot _snapshot = new(Empty, DateTimeOffset.MinValue);

    /// <remarks>Two callers may refresh at once; both read the same aggregates, so the race is harmless.</remarks>
    public async Task<IReadOnlyDictionary<string, double>> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (source is null || time.GetUtcNow() - snapshot.ReadAt < refresh)
        {
            return snapshot.Rates;
        }

        IReadOnlyDictionary<string, double> rates;
        try
        {
            rates = ToRates(await source.GetKindOutcomesAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (MemoryStoreException ex)
        {
            RapportTelemetry.RecordStoreError(dataSource, Operation, ex);
            rates = snapshot.Rates;
        }

        Volatile.Write(ref _snapshot, new Snapshot(rates, time.GetUtcNow()));
        return rates;
    }

    // Laplace-smoothed, so that a kind with two outcomes is not taken as certain for everyone.
    private static Dictionary<string, double> ToRates(IReadOnlyDictionary<string, KindOutcomeCounts> counts) =>
        counts.ToDictionary(c => c.Key, c => (c.Value.Helped + 1.0) / (c.Value.Helped + c.Value.NotHelped + 2.0), StringComparer.Ordinal);

    private sealed record Snapshot(IReadOnlyDictionary<string, double> Rates, DateTimeOffset ReadAt);
}
