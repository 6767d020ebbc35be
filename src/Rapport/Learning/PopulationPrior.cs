using Rapport.Memory;

namespace Rapport.Learning;

/// <summary>The population's success rate per kind, read from <see cref="IPopulationStatistics"/> and reused for a while.</summary>
/// <remarks>When it is read again, in the background or not, and what a failed read does: <see cref="PeriodicRead{T}"/>
/// (with <see cref="LearningOptions.RefreshPopulationInBackground"/>); until rates are read every kind starts
/// <see cref="Uninformed"/>. Thread-safe.</remarks>
internal sealed class PopulationPrior
{
    /// <summary>The rate assumed for a kind nobody has tried: as likely to help as not.</summary>
    public const double Uninformed = 0.5;

    /// <summary>The operation a failed read is counted under in <c>rapport.store.errors</c>.</summary>
    public const string Operation = "population_statistics";

    private static readonly IReadOnlyDictionary<string, double> Empty = new Dictionary<string, double>();
    private readonly PeriodicRead<IReadOnlyDictionary<string, double>>? _rates;

    /// <summary>Creates the prior over the store's statistics.</summary>
    /// <param name="source">The store's population statistics, or <see langword="null"/> for none.</param>
    /// <param name="refresh">How long rates read are reused.</param>
    /// <param name="background">Whether a turn that finds the rates stale goes on with them while they are read again.</param>
    /// <param name="time">The clock.</param>
    /// <param name="dataSource">The store's id on the failure metric (<see cref="Telemetry.TracingMemoryStore.DataSourceId"/>).</param>
    public PopulationPrior(IPopulationStatistics? source, TimeSpan refresh, bool background, TimeProvider time, string dataSource = "store")
    {
        if (source is not null)
        {
            _rates = new PeriodicRead<IReadOnlyDictionary<string, double>>(
                async () => ToRates(await source.GetKindOutcomesAsync().ConfigureAwait(false)), Empty, refresh, background, time, dataSource, Operation);
        }
    }

    /// <summary>Returns the rates per kind (empty when there are none yet).</summary>
    public Task<IReadOnlyDictionary<string, double>> GetAsync(CancellationToken cancellationToken) =>
        _rates?.GetAsync(cancellationToken) ?? Task.FromResult(Empty);

    // Laplace-smoothed, so that a kind with two outcomes is not taken as certain for everyone.
    private static Dictionary<string, double> ToRates(IReadOnlyDictionary<string, KindOutcomeCounts> counts) =>
        counts.ToDictionary(c => c.Key, c => (c.Value.Helped + 1.0) / (c.Value.Helped + c.Value.NotHelped + 2.0), StringComparer.Ordinal);
}
