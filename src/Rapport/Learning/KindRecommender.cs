using System.Numerics.Tensors;
using Rapport.Memory;
using Rapport.Storage;
using Rapport.Telemetry;

namespace Rapport.Learning;

/// <summary>Ranks kinds of intervention by how likely each is to help this user in this situation.</summary>
/// <remarks>
/// <para>
/// For each kind the estimate is a Beta posterior: the population's rate for the kind (an aggregate over all users,
/// <see cref="IPopulationStatistics"/>) worth <see cref="LearningOptions.PriorStrength"/> outcomes, plus the user's own
/// outcomes, each weighted by its age (halving every <see cref="LearningOptions.HalfLife"/>) and by how similar its
/// situation is to the current one (and, with <see cref="LearningOptions.GroupingWeight"/>, whether it falls in the current
/// situation's group of the user's situations). Only the user's own memories are read, through one similarity search; once
/// the population's outcomes show which situations behave alike (<see cref="LearningOptions.LearnSimilarityFromOutcomes"/>),
/// similarity is measured along the few directions learnt from them, an aggregate like the prior.
/// </para>
/// <para>Thread-safe. Deterministic for the same state, except Thompson sampling without a seed.</para>
/// </remarks>
internal sealed class KindRecommender
{
    private readonly RapportMemory _memory;
    private readonly LearningOptions _options;
    private readonly TimeProvider _time;
    private readonly PopulationPrior _population;
    private readonly PopulationMetric _metric;
    private readonly BetaSampler _sampler;

    /// <summary>Creates the recommender over the memory service.</summary>
    /// <param name="memory">The memory service whose store holds the outcomes.</param>
    /// <param name="options">The learning options; validated here.</param>
    /// <param name="population">The population statistics, or <see langword="null"/> to use the store's when it has them.</param>
    /// <param name="timeProvider">The clock that ages outcomes.</param>
    public KindRecommender(RapportMemory memory, LearningOptions? options = null, IPopulationStatistics? population = null, TimeProvider? timeProvider = null)
    {
        _memory = memory ?? throw new ArgumentNullException(nameof(memory));
        _options = options ?? new LearningOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        var dataSource = TracingMemoryStore.DataSourceOf(memory.StoreDescription);
        _population = new PopulationPrior(
            population ?? memory.GetStoreService<IPopulationStatistics>(), _options.PopulationRefresh, _options.RefreshPopulationInBackground, _time, dataSource);
        _metric = new PopulationMetric(population as ISituationOutcomeSource ?? memory.GetStoreService<ISituationOutcomeSource>(), _options, _time, dataSource);
        _sampler = new BetaSampler(_options.Seed);
    }

    /// <summary>Ranks <paramref name="kinds"/> (and any other kind the user has tried) from the hits of the turn's search (<see cref="HistoryRequest"/>).</summary>
    /// <param name="userId">The user; every hit must be theirs.</param>
    /// <param name="situation">The situation the hits were searched for.</param>
    /// <param name="kinds">The candidate kinds.</param>
    /// <param name="hits">The user's past interventions most similar to the situation, with any outcome.</param>
    /// <param name="situationVector">The situation's vector, which the similarity learnt from outcomes needs (empty: not used).</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    public async Task<Recommendation> RecommendAsync(
        string userId, string situation, IReadOnlyCollection<string> kinds, IReadOnlyList<MemorySearchHit> hits,
        ReadOnlyMemory<float> situationVector = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(hits);
        if (hits.Any(h => h.Intervention.UserId != userId))
        {
            throw new ArgumentException("Every hit must belong to the user the recommendation is for.", nameof(hits));
        }

        using var activity = RapportTelemetry.Source.StartActivity(RapportTelemetryNames.RecommendSpan);
        var population = await _population.GetAsync(cancellationToken).ConfigureAwait(false);
        var metric = situationVector.IsEmpty || hits.Count < 3 ? null : await _metric.GetAsync(cancellationToken).ConfigureAwait(false);
        var ranked = Rank(hits, kinds, population, metric?.CenteredSimilarities([.. hits.Select(h => h.Intervention.Embedding)], situationVector));
        activity?.SetTag(RapportTelemetryNames.BestKind, ranked.Count > 0 ? ranked[0].Kind : null);
        return new Recommendation(userId, situation, ranked);
    }

    /// <summary>The search the recommender learns from: the user's most similar past interventions, any outcome.</summary>
    public RecallRequest HistoryRequest(string userId, string situation) =>
        new() { UserId = userId, Query = situation, Top = _options.History };

    private List<KindEstimate> Rank(
        IReadOnlyList<MemorySearchHit> hits, IReadOnlyCollection<string> kinds, IReadOnlyDictionary<string, double> population, double[,]? learnt)
    {
        var now = _time.GetUtcNow();
        var evidence = new SortedDictionary<string, KindEvidence>(StringComparer.Ordinal);
        foreach (var kind in kinds)
        {
            evidence[kind] = new KindEvidence();
        }

        var relevance = Relevance(hits, learnt);
        for (var h = 0; h < hits.Count; h++)
        {
            var hit = hits[h];
            var item = hit.Intervention;
            if (!evidence.TryGetValue(item.Kind, out var e))
            {
                evidence[item.Kind] = e = new KindEvidence();
            }

            if (e.Cases.Count < 3)
            {
                e.Cases.Add(hit);
            }

            if (item.Outcome == InterventionOutcome.Unknown)
            {
                continue;
            }

            var weight = AgeWeight(now - item.CreatedAt) * (_options.BaseWeight + relevance[h]);
            if (item.Outcome == InterventionOutcome.Helped)
            {
                e.Helped += weight;
            }
            else
            {
                e.NotHelped += weight;
            }

            e.Outcomes++;
        }

        var ranked = new List<KindEstimate>(evidence.Count);
        foreach (var (kind, e) in evidence)
        {
            var prior = population.TryGetValue(kind, out var rate) ? rate : PopulationPrior.Uninformed;
            var alpha = (_options.PriorStrength * prior) + e.Helped;
            var beta = (_options.PriorStrength * (1 - prior)) + e.NotHelped;
            var expected = alpha + beta > 0 ? alpha / (alpha + beta) : prior;
            var score = _options.Exploration switch
            {
                ExplorationStrategy.UpperConfidenceBound => expected + (_options.ExplorationWeight * Math.Sqrt(expected * (1 - expected) / (alpha + beta + 1))),
                ExplorationStrategy.ThompsonSampling => _sampler.Sample(Math.Max(alpha, 1e-3), Math.Max(beta, 1e-3)),
                _ => expected,
            };
            ranked.Add(new KindEstimate(kind, expected, score, e.Helped, e.NotHelped, e.Outcomes, prior, e.Cases));
        }

        // Stable sort: equal scores keep the kinds' ordinal order, so the ranking is deterministic.
        return [.. ranked.OrderByDescending(k => k.Score)];
    }

    /// <summary>Whether two situations' vectors are close enough to be the same trouble (<see cref="LearningOptions.SameTroubleSimilarity"/>):
    /// false when either is missing or they differ in length.</summary>
    public bool IsSameTrouble(ReadOnlyMemory<float> situation, ReadOnlyMemory<float> other)
    {
        if (situation.Length == 0 || situation.Length != other.Length)
        {
            return false;
        }

        var similarity = TensorPrimitives.CosineSimilarity(situation.Span, other.Span);
        return similarity >= _options.SameTroubleSimilarity;
    }

    private double AgeWeight(TimeSpan age) =>
        age <= TimeSpan.Zero ? 1 : Math.Pow(0.5, age / _options.HalfLife);

    private double Closeness(double similarity, double midpoint) =>
        1 / (1 + Math.Exp(-(similarity - midpoint) / _options.SimilarityWidth));

    // How much each past situation is "the same kind of situation" as the current one, 0..1: the logistic of its similarity
    // to the current one, measured (with CenterSimilarities) after removing what the user's past situations share, mixed
    // (GroupingWeight) with whether it falls in the current situation's group (SituationGroups) on those similarities. When
    // a similarity learnt from outcomes is at hand (LearnSimilarityFromOutcomes), it takes the place of the centred one.
    private double[] Relevance(IReadOnlyList<MemorySearchHit> hits, double[,]? learnt)
    {
        var centered = learnt ?? (_options.CenterSimilarities && hits.Count >= 3 ? Centered(hits) : null);
        if (centered is null)
        {
            return [.. hits.Select(h => Closeness(h.Similarity, _options.SimilarityMidpoint))];
        }

        var midpoint = learnt is null ? _options.SimilarityMidpoint : _options.OutcomeSimilarityMidpoint;

        var relevance = new double[hits.Count];
        var grouped = _options.GroupingWeight > 0 ? SituationGroups.WithCurrent(centered, _options.GroupingThreshold) : null;
        for (var i = 0; i < hits.Count; i++)
        {
            var closeness = Closeness(centered[i, hits.Count], midpoint);
            relevance[i] = grouped is null ? closeness
                : ((1 - _options.GroupingWeight) * closeness) + (_options.GroupingWeight * (grouped[i] ? 1 : 0));
        }

        return relevance;
    }

    // Cosine similarities after subtracting the mean m of the past situations' unit vectors: what every situation of this user
    // shares (the way they talk, the domain) stops counting as likeness. An (n+1) x (n+1) matrix over the n hits and, last, the
    // current situation, computed from the hits alone: with q and h_i unit vectors, q.h_i is the similarity the search
    // reported, and q.m is their mean. Null when a hit has no vector or vectors differ in length.
    private static double[,]? Centered(IReadOnlyList<MemorySearchHit> hits)
    {
        var n = hits.Count;
        var dimensions = hits[0].Intervention.Embedding.Length;
        var units = new float[n][];
        for (var i = 0; i < n; i++)
        {
            var vector = hits[i].Intervention.Embedding.Span;
            var norm = TensorPrimitives.Norm(vector);
            if (vector.Length != dimensions || !(norm > 0))
            {
                return null;
            }

            units[i] = new float[dimensions];
            TensorPrimitives.Divide(vector, norm, units[i]);
        }

        var dots = new double[n + 1, n + 1];
        for (var i = 0; i < n; i++)
        {
            dots[i, n] = dots[n, i] = hits[i].Similarity;
            dots[n, n] = 1;
            for (var j = i; j < n; j++)
            {
                dots[i, j] = dots[j, i] = TensorPrimitives.Dot(units[i], units[j]);
            }
        }

        // x.m for every row x (the hits and the query), and m.m.
        var withMean = new double[n + 1];
        for (var i = 0; i <= n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                withMean[i] += dots[i, j] / n;
            }
        }

        var meanSquared = withMean.Take(n).Average();
        var length = withMean.Select(x => Math.Sqrt(Math.Max(1e-12, 1 - (2 * x) + meanSquared))).ToArray();
        var centered = new double[n + 1, n + 1];
        for (var i = 0; i <= n; i++)
        {
            for (var j = 0; j <= n; j++)
            {
                centered[i, j] = (dots[i, j] - withMean[i] - withMean[j] + meanSquared) / (length[i] * length[j]);
            }
        }

        return centered;
    }

    private sealed class KindEvidence
    {
        public double Helped { get; set; }

        public double NotHelped { get; set; }

        public int Outcomes { get; set; }

        public List<MemorySearchHit> Cases { get; } = [];
    }
}
