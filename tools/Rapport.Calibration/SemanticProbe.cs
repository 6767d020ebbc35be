using System.Globalization;
using Microsoft.Extensions.AI;
using Rapport.Embeddings.Onnx;
using Rapport.Evaluation.Internal;
using Rapport.Evaluation.Scorers;

namespace Rapport.Calibration;

/// <summary>Would a semantic component help? Adds MiniLM features to the shipped model's, fits and chooses the same way, reports validation and test.</summary>
/// <remarks>
/// Extra features: the cosine of the response with the centroid of each self-written prototype set
/// (<see cref="Prototypes"/>), and its cosine with what the person said just before (less 0.3, roughly the mean; 0
/// when unknown). Texts are embedded with all-MiniLM-L6-v2 truncated at 128 tokens (CounselChat essays are cut).
/// This is a probe, not a shipped scorer: it tells whether building the optional semantic scorer is worth it.
/// </remarks>
internal static class SemanticProbe
{
    public static async Task<string> RunAsync(DataSets data)
    {
        var files = new ModelFiles(ModelLocation.ResolveModelDirectory());
        if (!files.Exist)
        {
            return $"The MiniLM model is not in {files.Directory}; build the repository once (it fetches the model) or set {ModelLocation.ModelDirVariable}.";
        }

        var texts = new HashSet<string>(StringComparer.Ordinal);
        void Add(Turn turn)
        {
            texts.Add(turn.Text);
            texts.Add(turn.Before);
        }

        foreach (var dialog in data.Esconv.Values.SelectMany(d => d).Concat(data.FailedDialogs))
        {
            dialog.Turns.ForEach(Add);
        }

        foreach (var turn in data.MultiEsc.Values.SelectMany(t => t).Concat(data.FailedFeedback))
        {
            Add(turn.Turn);
        }

        foreach (var question in data.Questions)
        {
            texts.Add(question.Text);
            question.Answers.ForEach(a => texts.Add(a.Text));
        }

        foreach (var set in Prototypes.Sets)
        {
            texts.UnionWith(set.Texts);
        }

        texts.RemoveWhere(string.IsNullOrWhiteSpace);
        var vectors = new Dictionary<string, float[]>(StringComparer.Ordinal);
        using (var embedder = MiniLmEmbeddingGenerator.Load(new MiniLmEmbeddingOptions { MaxTokens = 128 }))
        {
            var list = texts.ToList();
            for (var i = 0; i < list.Count; i += 256)
            {
                var batch = list.GetRange(i, Math.Min(256, list.Count - i));
                var embedded = await embedder.GenerateAsync(batch).ConfigureAwait(false);
                for (var j = 0; j < batch.Count; j++)
                {
                    vectors[batch[j]] = embedded[j].Vector.ToArray();
                }

                Console.Error.Write($"\rembedded {i + batch.Count} of {list.Count} texts");
            }

            Console.Error.WriteLine();
        }

        var centroids = Prototypes.Sets.Select(set => Normalize(set.Texts.Select(t => vectors[t]))).ToArray();
        var lexical = Fit.LexicalFeatures();
        var cache = new Dictionary<Turn, double[]?>();
        double[]? Features(Turn turn)
        {
            if (cache.TryGetValue(turn, out var cached))
            {
                return cached;
            }

            double[]? f = null;
            if (lexical(turn) is { } l)
            {
                var v = vectors[turn.Text];
                f = [.. l, .. centroids.Select(c => Cosine(v, c)), vectors.TryGetValue(turn.Before, out var b) ? Cosine(v, b) - 0.3 : 0];
            }

            return cache[turn] = f;
        }

        string[] names = [.. SupportFeatures.Names, .. Prototypes.Sets.Select(s => "like " + s.Name), "relevance"];
        var signs = Fit.LexicalSigns(names.Length);
        var (weights, output) = Fit.Choose(data, Features, names, signs);
        output.AppendLine().AppendLine("Weights:").AppendLine();
        for (var j = 0; j < weights.Length; j++)
        {
            output.AppendLine(CultureInfo.InvariantCulture, $"    {weights[j]:0.000}, // {names[j]}");
        }

        var shipped = new SupportivenessEvaluator();
        foreach (var split in new[] { Splits.Valid, Splits.Test })
        {
            var report = new Report([
                ("with semantic features", t => Features(t) is { } f ? Logistic.Dot(weights, f) : -1e6),
                ("shipped supportiveness", t => shipped.Score(t.Text, t.Before).Value),
                ("length-only", Fit.WordCount),
            ]);
            data.Compare(report, split);
            output.AppendLine().Append(report.ToMarkdown(split == Splits.Valid ? "validation splits (semantic probe)" : "held-out test splits (semantic probe)"));
        }

        return output.ToString();
    }

    private static float[] Normalize(IEnumerable<float[]> vectors)
    {
        var sum = new float[384];
        foreach (var v in vectors)
        {
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += v[i];
            }
        }

        var norm = MathF.Sqrt(sum.Sum(x => x * x));
        return [.. sum.Select(x => x / norm)];
    }

    private static double Cosine(float[] a, float[] b)
    {
        var dot = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
        }

        return dot;
    }
}
