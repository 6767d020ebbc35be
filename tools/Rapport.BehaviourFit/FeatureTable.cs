using Rapport.Evaluation.Behaviour;
using Rapport.Evaluation.Internal;

namespace Rapport.BehaviourFit;

/// <summary>The feature rows of labelled pairs for both models, computed exactly as the library computes them at run time.</summary>
internal sealed class FeatureTable
{
    private FeatureTable(List<LabelledPair> pairs, double[][] lexical, double[][]? miniLm)
    {
        Pairs = pairs;
        Lexical = lexical;
        MiniLm = miniLm;
        Labels = [.. pairs.Select(p => (int)p.Code)];
    }

    public List<LabelledPair> Pairs { get; }

    public double[][] Lexical { get; }

    public double[][]? MiniLm { get; }

    public int[] Labels { get; }

    public double[][] Rows(BehaviourModelKind kind) => kind == BehaviourModelKind.Lexical ? Lexical : MiniLm!;

    /// <summary>Builds the rows; <paramref name="embedder"/> null leaves the MiniLM rows out.</summary>
    public static FeatureTable Build(List<LabelledPair> pairs, EmbeddingCache? embedder)
    {
        var lexical = new double[pairs.Count][];
        for (var i = 0; i < pairs.Count; i++)
        {
            lexical[i] = new double[PairFeatures.Count];
            PairFeatures.Extract(BehaviourClassifier.Normalized(pairs[i].Previous), BehaviourClassifier.Normalized(pairs[i].Turn), lexical[i]);
        }

        if (embedder is null)
        {
            return new FeatureTable(pairs, lexical, null);
        }

        var texts = pairs.SelectMany(p => new[] { PlainText.Of(p.Previous), PlainText.Of(p.Turn) }).ToList();
        var vectors = embedder.Embed(texts);
        var miniLm = new double[pairs.Count][];
        for (var i = 0; i < pairs.Count; i++)
        {
            miniLm[i] = new double[PairFeatures.Count + 1 + BehaviourModel.EmbeddingDimensions];
            Array.Copy(lexical[i], miniLm[i], PairFeatures.Count);
            BehaviourModel.AddEmbedding(vectors[PlainText.Of(pairs[i].Turn)], vectors[PlainText.Of(pairs[i].Previous)], miniLm[i]);
        }

        return new FeatureTable(pairs, lexical, miniLm);
    }
}
