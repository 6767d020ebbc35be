namespace Rapport.Learning;

/// <summary>Configures how Rapport learns which kinds of intervention work for each user.</summary>
public sealed class LearningOptions
{
    /// <summary>Gets or sets the age at which an outcome counts half as much as a fresh one.</summary>
    /// <value>The default is 10 days: with the 30-day retention, an outcome about to expire still counts an eighth.</value>
    public TimeSpan HalfLife { get; set; } = TimeSpan.FromDays(10);

    /// <summary>Gets or sets how many outcomes the population's estimate is worth in a user's estimate.</summary>
    /// <value>The default is 2: after a handful of the user's own outcomes the population matters little.</value>
    public double PriorStrength { get; set; } = 2;

    /// <summary>Gets or sets how many of the user's past interventions are read per recommendation (most similar first).</summary>
    /// <value>The default is 40: less similar ones would weigh little, and reading them costs.</value>
    public int History { get; set; } = 40;

    /// <summary>Gets or sets the similarity at or below which a past situation counts only with <see cref="BaseWeight"/>.</summary>
    /// <value>The default is 0.25 (tuned on the demo with all-MiniLM-L6-v2: unrelated situations mostly score below it).</value>
    public double SimilarityFloor { get; set; } = 0.25;

    /// <summary>Gets or sets the weight of a past outcome whatever its situation (the user's general taste for a kind).</summary>
    /// <value>The default is 0.05; a past situation as similar as can be weighs 1 plus this.</value>
    public double BaseWeight { get; set; } = 0.05;

    /// <summary>Gets or sets the strategy for exploring kinds with little evidence.</summary>
    /// <value>The default is <see cref="ExplorationStrategy.UpperConfidenceBound"/>.</value>
    public ExplorationStrategy Exploration { get; set; } = ExplorationStrategy.UpperConfidenceBound;

    /// <summary>Gets or sets the size of the exploration bonus of <see cref="ExplorationStrategy.UpperConfidenceBound"/>.</summary>
    /// <value>The default is 0.5 (in standard deviations of the estimate).</value>
    public double ExplorationWeight { get; set; } = 0.5;

    /// <summary>Gets or sets the seed of Thompson sampling, or <see langword="null"/> for a random seed.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public int? Seed { get; set; }

    /// <summary>Gets or sets how long population statistics are reused before they are read again.</summary>
    /// <value>The default is 10 minutes.</value>
    public TimeSpan PopulationRefresh { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Throws unless every value is in range.</summary>
    public void Validate()
    {
        if (HalfLife <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(HalfLife), HalfLife, "The half-life must be positive.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(PriorStrength, nameof(PriorStrength));
        ArgumentOutOfRangeException.ThrowIfLessThan(History, 1, nameof(History));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(History, Storage.MemorySearchRequest.MaxTop, nameof(History));
        ArgumentOutOfRangeException.ThrowIfNegative(BaseWeight, nameof(BaseWeight));
        ArgumentOutOfRangeException.ThrowIfNegative(ExplorationWeight, nameof(ExplorationWeight));
        if (SimilarityFloor is < -1 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(SimilarityFloor), SimilarityFloor, "The similarity floor must be in -1..1 (exclusive of 1).");
        }
    }
}
