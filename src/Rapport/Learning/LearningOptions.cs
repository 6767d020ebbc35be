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

    /// <summary>Gets or sets whether similarities are measured after removing what the user's past situations have in common.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    /// <remarks>A user's situations share a lot that says nothing about which kind of trouble each is (how the user talks,
    /// the general topic of stress): centring subtracts the mean of the past situations' vectors before the cosine, so two
    /// wordings of one trouble stand out more from two unrelated ones. It needs no extra search: it is computed from the
    /// similarities and vectors of the hits (both stores return the vectors; when a hit has none, or vectors differ in length,
    /// the raw similarities are used, which <see cref="SimilarityMidpoint"/> is not tuned for). On the demo it raised the share of the gap closed from about 35 % to 40 %
    /// (seeds 1 and 2, 200 users; <c>bench/results/demo.md</c>).</remarks>
    public bool CenterSimilarities { get; set; } = true;

    /// <summary>Gets or sets the similarity at which a past situation counts half as much as one just like the current one.</summary>
    /// <value>The default is 0.1 on centred similarities (see <see cref="CenterSimilarities"/>), tuned with all-MiniLM-L6-v2 on
    /// the demo; without centring, 0.3 suits that embedder (two wordings of one trouble score 0.36 on average, unrelated
    /// ones 0.22).</value>
    /// <remarks>A past outcome's weight rises along a logistic curve of its situation's similarity to the current one, centred
    /// here and as steep as <see cref="SimilarityWidth"/> says, so that outcomes in similar situations count nearly fully and
    /// others hardly at all. Embedders score on different scales: set this between the similarities of related and unrelated
    /// situations under yours.</remarks>
    public double SimilarityMidpoint { get; set; } = 0.1;

    /// <summary>Gets or sets how gradually the weight of a past outcome rises around <see cref="SimilarityMidpoint"/>.</summary>
    /// <value>The default is 0.05: 0.15 below the midpoint a past outcome counts 5 %, 0.15 above it 95 %.</value>
    public double SimilarityWidth { get; set; } = 0.05;

    /// <summary>Gets or sets the weight of a past outcome whatever its situation (the user's general taste for a kind).</summary>
    /// <value>The default is 0.05; a past situation as similar as can be weighs 1 plus this.</value>
    public double BaseWeight { get; set; } = 0.05;

    /// <summary>Gets or sets the share of a past outcome's relevance that comes from its situation falling in the current
    /// situation's group, rather than from its own similarity to it.</summary>
    /// <value>The default is 0.5; 0 turns grouping off.</value>
    /// <remarks>The current situation and the user's past ones are grouped by average-linkage clustering on centred
    /// similarities (see <see cref="CenterSimilarities"/>; without centring there is no grouping), merging while two groups
    /// average at least <see cref="GroupingThreshold"/>. A past situation worded unlike the current one can then still count
    /// through the situations between them, as troubles of one sort rarely share all their words. On the demo (seeds 11-30,
    /// tuned there) it raised the share of the gap closed by session 10 by about 3 points; <c>docs/learning.md</c>.</remarks>
    public double GroupingWeight { get; set; } = 0.5;

    /// <summary>Gets or sets the least average centred similarity at which two groups of situations still merge (see <see cref="GroupingWeight"/>).</summary>
    /// <value>The default is 0: groups merge while their members are, on average, more alike than the user's situations in general.</value>
    public double GroupingThreshold { get; set; }

    /// <summary>Gets or sets whether similarities between situations are measured along directions learnt from outcomes over
    /// the population (which situations behave alike for the same users), once there are enough outcomes to show any.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    /// <remarks>Within one user, situations of one sort share what helps with them, so pairs of a user's outcomes for one kind
    /// agree more often when their situations are of one sort. Pooled over every user of the store, that picks out the few
    /// directions of the embedding space that separate sorts of situation which behave differently, and ignores the rest
    /// (how people talk, details of the wording). A past situation's relevance is then measured there (centred on the user's
    /// past situations, grouped, with <see cref="OutcomeSimilarityMidpoint"/>); until the directions stand out from the noise,
    /// or without a store that offers <see cref="ISituationOutcomeSource"/>, or for a hit without a vector, the centred
    /// similarity of the embeddings is used as before. Only aggregate directions are kept, never a user's situation. On the
    /// demo (200 users, seeds 21-28, never used for tuning) it raised Rapport's share of what the type-aware reference closes by
    /// session 10 from 72.9 % to 89.3 % (over sessions 8-10, 74.4 % to 91.1 %; <c>docs/learning.md</c>).</remarks>
    public bool LearnSimilarityFromOutcomes { get; set; } = true;

    /// <summary>Gets or sets the similarity, along the directions learnt from outcomes, at which a past situation counts half
    /// as much as one just like the current one (see <see cref="LearnSimilarityFromOutcomes"/>; the curve is as steep as
    /// <see cref="SimilarityWidth"/> says).</summary>
    /// <value>The default is 0.4, tuned on the demo (0.3-0.5 were alike); it depends less on the embedder than
    /// <see cref="SimilarityMidpoint"/>, as only the directions that tell situations apart are kept.</value>
    public double OutcomeSimilarityMidpoint { get; set; } = 0.4;

    /// <summary>Gets or sets the most directions learnt from outcomes that are kept.</summary>
    /// <value>The default is 16; fewer stand out from the noise unless there are that many sorts of situation that behave
    /// differently (the demo's four sorts give three).</value>
    public int OutcomeMetricDimensions { get; set; } = 16;

    /// <summary>Gets or sets the fewest users with two outcomes of one kind from whom directions are learnt.</summary>
    /// <value>The default is 10: below it no similarity is learnt from outcomes, so aggregates never stand for a handful of people.</value>
    public int OutcomeMetricMinimumUsers { get; set; } = 10;

    /// <summary>Gets or sets how many of the most recent outcomes of all users the directions are learnt from.</summary>
    /// <value>The default is 20,000: with 384 dimensions the learning then takes about a second of CPU per refresh.</value>
    public int OutcomeMetricSamples { get; set; } = 20_000;

    /// <summary>Gets or sets how long the directions learnt from outcomes are used before they are learnt again.</summary>
    /// <value>The default is 10 minutes.</value>
    public TimeSpan OutcomeMetricRefresh { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets or sets whether a turn that finds the population's rates (<see cref="PopulationRefresh"/>) or the
    /// directions learnt from outcomes (<see cref="OutcomeMetricRefresh"/>) stale goes on with them while they are read again
    /// in the background, rather than waiting.</summary>
    /// <value>The default is <see langword="true"/>: no turn waits for a store-wide read (on Redis a scan of every user) or a
    /// relearning (about a second of CPU at the default <see cref="OutcomeMetricSamples"/>), except the first of the process,
    /// which has nothing to go on with.</value>
    /// <remarks>Set it to <see langword="false"/> when runs must be reproducible (the demo does): every turn after a refresh
    /// is due then waits for it, so which turns see the new values does not depend on timing.</remarks>
    public bool RefreshPopulationInBackground { get; set; } = true;

    /// <summary>Gets or sets the cosine similarity at which the situation right after an intervention that did not help counts as
    /// the same trouble, so that the coach suggests another plausible kind rather than the one that just failed.</summary>
    /// <value>The default is 0.6, for all-MiniLM-L6-v2: a situation said again in other words scores above it, two different
    /// troubles of the same sort mostly below (on the demo's bank, 90 % of pairs of one type score under 0.55).</value>
    /// <remarks>Set it between the similarities of a repeated and of a new situation under your embedder; 1 applies the rule
    /// only to the same words, above 1 never.</remarks>
    public double SameTroubleSimilarity { get; set; } = 0.6;

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
        if (SimilarityMidpoint is < -1 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(SimilarityMidpoint), SimilarityMidpoint, "The similarity midpoint must be in -1..1.");
        }

        if (OutcomeSimilarityMidpoint is < -1 or > 1 || double.IsNaN(OutcomeSimilarityMidpoint))
        {
            throw new ArgumentOutOfRangeException(nameof(OutcomeSimilarityMidpoint), OutcomeSimilarityMidpoint, "The outcome similarity midpoint must be in -1..1.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(OutcomeMetricDimensions, 1, nameof(OutcomeMetricDimensions));
        ArgumentOutOfRangeException.ThrowIfLessThan(OutcomeMetricMinimumUsers, 1, nameof(OutcomeMetricMinimumUsers));
        ArgumentOutOfRangeException.ThrowIfLessThan(OutcomeMetricSamples, 2, nameof(OutcomeMetricSamples));
        if (OutcomeMetricRefresh < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(OutcomeMetricRefresh), OutcomeMetricRefresh, "The refresh interval must not be negative.");
        }

        if (GroupingWeight is < 0 or > 1 || double.IsNaN(GroupingWeight))
        {
            throw new ArgumentOutOfRangeException(nameof(GroupingWeight), GroupingWeight, "The grouping weight must be in 0..1.");
        }

        if (GroupingThreshold is < -1 or > 1 || double.IsNaN(GroupingThreshold))
        {
            throw new ArgumentOutOfRangeException(nameof(GroupingThreshold), GroupingThreshold, "The grouping threshold must be in -1..1.");
        }

        if (SameTroubleSimilarity is < -1 or > 2 || double.IsNaN(SameTroubleSimilarity))
        {
            throw new ArgumentOutOfRangeException(nameof(SameTroubleSimilarity), SameTroubleSimilarity, "The same-trouble similarity must be in -1..2 (above 1: never).");
        }

        if (!(SimilarityWidth > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(SimilarityWidth), SimilarityWidth, "The similarity width must be positive.");
        }
    }
}
