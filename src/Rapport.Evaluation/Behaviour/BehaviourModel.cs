namespace Rapport.Evaluation.Behaviour;

/// <summary>A multinomial logistic regression over pair features: one weight row per <see cref="BehaviourCode"/>.</summary>
/// <remarks>
/// The weights come from <see cref="BehaviourModelWeights"/>, written by <c>tools/Rapport.BehaviourFit</c>. The embedding
/// model's features are the lexical ones, then the cosine of the turn with the previous message, then the turn's
/// 384-value all-MiniLM-L6-v2 embedding; embedding values are rounded to 4 decimals, as in the fit.
/// </remarks>
internal sealed class BehaviourModel
{
    public const int EmbeddingDimensions = 384;

    public static readonly BehaviourModel Lexical = new(PairFeatures.Count, BehaviourModelWeights.Lexical);

    public static readonly BehaviourModel MiniLm = new(PairFeatures.Count + 1 + EmbeddingDimensions, BehaviourModelWeights.MiniLm);

    private readonly double[] _weights;

    public BehaviourModel(int features, ReadOnlySpan<double> weights)
    {
        if (weights.Length != features * BehaviourCodes.Count)
        {
            throw new InvalidOperationException(
                $"The behaviour model has {weights.Length} weights for {features} features and {BehaviourCodes.Count} codes; re-run tools/Rapport.BehaviourFit.");
        }

        Features = features;
        _weights = weights.ToArray();
    }

    public int Features { get; }

    /// <summary>Fills <paramref name="probabilities"/> (one per code) for <paramref name="features"/>.</summary>
    public void Predict(ReadOnlySpan<double> features, Span<double> probabilities)
    {
        var max = double.NegativeInfinity;
        for (var k = 0; k < BehaviourCodes.Count; k++)
        {
            var row = _weights.AsSpan(k * Features, Features);
            var z = 0.0;
            for (var j = 0; j < Features; j++)
            {
                z += row[j] * features[j];
            }

            probabilities[k] = z;
            max = Math.Max(max, z);
        }

        var sum = 0.0;
        for (var k = 0; k < BehaviourCodes.Count; k++)
        {
            probabilities[k] = Math.Exp(probabilities[k] - max);
            sum += probabilities[k];
        }

        for (var k = 0; k < BehaviourCodes.Count; k++)
        {
            probabilities[k] /= sum;
        }
    }

    /// <summary>Writes the embedding part of the MiniLM model's features after the lexical ones.</summary>
    public static void AddEmbedding(ReadOnlySpan<float> turn, ReadOnlySpan<float> previous, Span<double> features)
    {
        var offset = PairFeatures.Count;
        double dot = 0, nt = 0, np = 0;
        for (var i = 0; i < EmbeddingDimensions; i++)
        {
            dot += (double)turn[i] * previous[i];
            nt += (double)turn[i] * turn[i];
            np += (double)previous[i] * previous[i];
            features[offset + 1 + i] = Math.Round(turn[i], 4);
        }

        features[offset] = nt == 0 || np == 0 ? 0 : Math.Round(dot / Math.Sqrt(nt * np), 4);
    }
}
