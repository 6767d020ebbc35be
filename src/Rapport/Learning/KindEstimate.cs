using Rapport.Storage;

namespace Rapport.Learning;

/// <summary>What Rapport expects of one kind of intervention for one user in one situation, and why.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Expected">The estimated chance that it helps, in 0..1 (time-decayed, similarity-weighted, shrunk to the population).</param>
/// <param name="Score">What the kinds are ranked by: <see cref="Expected"/> plus exploration.</param>
/// <param name="Helped">The user's weighted count of outcomes where it helped.</param>
/// <param name="NotHelped">The user's weighted count of outcomes where it did not help.</param>
/// <param name="Outcomes">How many of the user's outcomes for this kind were read (unweighted).</param>
/// <param name="PopulationRate">The population's rate for this kind, used as the prior.</param>
/// <param name="SimilarCases">The user's past interventions of this kind in the most similar situations, most similar first.</param>
public sealed record KindEstimate(
    string Kind,
    double Expected,
    double Score,
    double Helped,
    double NotHelped,
    int Outcomes,
    double PopulationRate,
    IReadOnlyList<MemorySearchHit> SimilarCases);
