using Rapport.Learning;

namespace Rapport.LearningReplica;

/// <summary>The recommender's arithmetic (<c>KindRecommender</c>) over the bank's vectors: population prior, time decay,
/// relevance from centred or learnt similarity with grouping, upper confidence bound.</summary>
/// <remarks>Differs from the real coach in that the hits are the most similar past situations by cosine (not the hybrid
/// search) and there is no rule of conduct; docs/learning.md compares the two.</remarks>
internal sealed class ReplicaLearner(BankVectors bank, LearningOptions options)
{
    public const int Kinds = 6;

    /// <summary>Returns the kind to try for wording <paramref name="wording"/> in session <paramref name="session"/>.</summary>
    public int Choose(IReadOnlyList<PastOutcome> history, int wording, int session, double[] prior, OutcomeMetric? metric)
    {
        var hits = history.OrderByDescending(h => bank.Gram[wording, h.Wording]).Take(options.History).ToList();
        var relevance = Relevance(hits, wording, metric);
        var helped = new double[Kinds];
        var notHelped = new double[Kinds];
        for (var i = 0; i < hits.Count; i++)
        {
            var weight = Math.Pow(0.5, (session - hits[i].Session) / options.HalfLife.TotalDays) * (options.BaseWeight + relevance[i]);
            (hits[i].Helped ? helped : notHelped)[hits[i].Kind] += weight;
        }

        var best = 0;
        var bestScore = double.NegativeInfinity;
        for (var k = 0; k < Kinds; k++)
        {
            var alpha = (options.PriorStrength * prior[k]) + helped[k];
            var beta = (options.PriorStrength * (1 - prior[k])) + notHelped[k];
            var expected = alpha / (alpha + beta);
            var score = expected + (options.ExplorationWeight * Math.Sqrt(expected * (1 - expected) / (alpha + beta + 1)));
            if (score > bestScore)
            {
                (best, bestScore) = (k, score);
            }
        }

        return best;
    }

    private double Closeness(double similarity, double midpoint) =>
        1 / (1 + Math.Exp(-(similarity - midpoint) / options.SimilarityWidth));

    private double[] Relevance(List<PastOutcome> hits, int wording, OutcomeMetric? metric)
    {
        var n = hits.Count;
        if (n < 3)
        {
            return [.. hits.Select(h => Closeness(bank.Gram[wording, h.Wording], options.SimilarityMidpoint))];
        }

        var learnt = metric?.CenteredSimilarities([.. hits.Select(h => (ReadOnlyMemory<float>)bank.Vectors[h.Wording])], bank.Vectors[wording]);
        var similarities = learnt ?? Centered([.. hits.Select(h => h.Wording), wording]);
        var midpoint = learnt is null ? options.SimilarityMidpoint : options.OutcomeSimilarityMidpoint;
        var grouped = options.GroupingWeight > 0 ? SituationGroups.WithCurrent(similarities, options.GroupingThreshold) : new bool[n];
        var relevance = new double[n];
        for (var i = 0; i < n; i++)
        {
            relevance[i] = ((1 - options.GroupingWeight) * Closeness(similarities[i, n], midpoint)) + (options.GroupingWeight * (grouped[i] ? 1 : 0));
        }

        return relevance;
    }

    // Cosines after subtracting the mean of the hits' unit vectors (all but the last wording, the current one).
    private double[,] Centered(int[] wordings)
    {
        var n = wordings.Length - 1;
        var withMean = new double[n + 1];
        for (var i = 0; i <= n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                withMean[i] += bank.Gram[wordings[i], wordings[j]] / n;
            }
        }

        var meanSquared = withMean.Take(n).Average();
        var length = withMean.Select(x => Math.Sqrt(Math.Max(1e-12, 1 - (2 * x) + meanSquared))).ToArray();
        var centered = new double[n + 1, n + 1];
        for (var i = 0; i <= n; i++)
        {
            for (var j = 0; j <= n; j++)
            {
                centered[i, j] = (bank.Gram[wordings[i], wordings[j]] - withMean[i] - withMean[j] + meanSquared) / (length[i] * length[j]);
            }
        }

        return centered;
    }
}
