using Rapport.Learning;
using Rapport.Memory;

namespace Rapport.Demo;

/// <summary>Population statistics read once per session, so parallel users see the same prior and runs are reproducible.</summary>
internal sealed class PopulationSnapshot(IPopulationStatistics source) : IPopulationStatistics
{
    private IReadOnlyDictionary<string, KindOutcomeCounts> _counts = new Dictionary<string, KindOutcomeCounts>();

    public async Task RefreshAsync(CancellationToken cancellationToken) =>
        _counts = await source.GetKindOutcomesAsync(cancellationToken).ConfigureAwait(false);

    public Task<IReadOnlyDictionary<string, KindOutcomeCounts>> GetKindOutcomesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(_counts);
}
