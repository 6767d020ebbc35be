namespace Rapport.Learning;

/// <summary>How <see cref="KindRecommender"/> trades trying kinds it knows little about against using what worked.</summary>
public enum ExplorationStrategy
{
    /// <summary>Rank by expected success alone (no exploration beyond the prior).</summary>
    None,

    /// <summary>Rank by an upper confidence bound: expected success plus a bonus that shrinks with evidence. Deterministic.</summary>
    UpperConfidenceBound,

    /// <summary>Rank by a draw from each kind's posterior (Thompson sampling); seeded by <see cref="LearningOptions.Seed"/>.</summary>
    ThompsonSampling,
}
