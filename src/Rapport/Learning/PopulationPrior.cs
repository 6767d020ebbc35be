using Rapport.Memory;

namespace Rapport.Learning;

/// <summary>The population's success rate per kind, read from <see cref="IPopulationStatistics"/> and reused for a while.</summary>
internal sealed class PopulationPrior(IPopulationStatistics? source, TimeSpan refresh, TimeProvider time)
{
    /// <summary>The rate assumed for a kind nobody has tried: as likely to help as not.</summary>
    public const double Uninformed = 0.5;

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

        var rates = ToRates(await source.GetKindOutcomesAsync(cancellationToken).ConfigureAwait(false));
        Volatile.Write(ref _snapshot, new Snapshot(rates, time.GetUtcNow()));
        return rates;
    }

    // Laplace-smoothed, so that a kind with two outcomes is not taken as certain for everyone.
    private static Dictionary<string, double> ToRates(IReadOnlyDictionary<string, KindOutcomeCounts> counts) =>
        counts.ToDictionary(c => c.Key, c => (c.Value.Helped + 1.0) / (c.Value.Helped + c.Value.NotHelped + 2.0), StringComparer.Ordinal);

    private sealed record Snapshot(IReadOnlyDictionary<string, double> Rates, DateTimeOffset ReadAt);
}
