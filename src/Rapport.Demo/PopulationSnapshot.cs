using Rapport.Learning;
using Rapport.Memory;

namespace Rapport.Demo;

/// <summary>Population statistics read once per session, so parallel users see the same prior and the same learnt
/// similarity, and runs are reproducible.</summary>
internal sealed class PopulationSnapshot<TSource>(TSource source) : IPopulationStatistics, ISituationOutcomeSource
    where TSource : IPopulationStatistics, ISituationOutcomeSource
{
    private IReadOnlyDictionary<string, KindOutcomeCounts> _counts = new Dictionary<string, KindOutcomeCounts>();
    private IReadOnlyList<SituationOutcome> _outcomes = [];

    public async Task RefreshAsync(int outcomeLimit, CancellationToken cancellationToken)
    {
        _counts = await source.GetKindOutcomesAsync(cancellationToken).ConfigureAwait(false);
        _outcomes = await source.GetSituationOutcomesAsync(outcomeLimit, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyDictionary<string, KindOutcomeCounts>> GetKindOutcomesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(_counts);

    public Task<IReadOnlyList<SituationOutcome>> GetSituationOutcomesAsync(int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<SituationOutcome>>([.. _outcomes.Take(limit)]);
}
