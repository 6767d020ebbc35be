using System.Diagnostics;
using System.Numerics.Tensors;
using Rapport.Embeddings.Onnx;
using Rapport.Evaluation.Retrieval;

namespace Rapport.Benchmarks.Embeddings;

/// <summary>How close the int8 query graph's vectors are to the fp32 ones, and what each costs per query (<c>--int8-queries</c>).</summary>
/// <remarks>The texts are the questions of a LoCoMo-format file (<c>--dataset</c>), else the benchmark's sample sentences, each
/// embedded alone. Prints the cosine between each text's int8 and fp32 vector (min, 1st percentile, mean), the same for ten
/// one- or two-word texts, and the median wall time of one query with one ONNX Runtime thread. <c>--cache folder</c> builds the
/// graphs in another folder than the default cache.</remarks>
internal static class Int8QueryProbe
{
    public static void Run(string[] args)
    {
        var at = Array.IndexOf(args, "--dataset");
        var texts = at >= 0 && at + 1 < args.Length
            ? [.. LocomoReader.LoadAsync(args[at + 1]).GetAwaiter().GetResult().Conversations.SelectMany(c => c.Questions).Select(q => q.Text)]
            : SentenceCorpus.Sentences(64);
        string[] shortTexts = ["ok", "hi", "yes", "no", "sad", "help me", "I'm tired", "thanks", "why?", "exam"];
        var cacheAt = Array.IndexOf(args, "--cache");
        using var generator = MiniLmEmbeddingGenerator.Load(new MiniLmEmbeddingOptions
        {
            IntraOpThreads = 1, QuantizedQueries = true, GraphCacheDirectory = cacheAt >= 0 ? args[cacheAt + 1] : null,
        });
        var cosines = Cosines(generator, texts).Order().ToArray();
        Console.WriteLine(
            $"{texts.Length} texts: cosine int8 vs fp32 min {cosines[0]:F4}, p1 {cosines[cosines.Length / 100]:F4}, mean {cosines.Average():F4}");
        var shortCosines = Cosines(generator, shortTexts);
        Console.WriteLine($"short texts: {string.Join(", ", shortTexts.Zip(shortCosines, (t, c) => $"{t} {c:F4}"))}");

        var sample = texts.Take(200).ToArray();
        Console.WriteLine($"one query per run, {sample.Length} texts, median: fp32 {Median(sample, t => generator.Embed([t])):F2} ms, " +
            $"int8 {Median(sample, t => generator.EmbedQueries([t])):F2} ms");
    }

    // One text per run, as recall embeds a query: a batch quantizes its activations together.
    private static float[] Cosines(MiniLmEmbeddingGenerator generator, string[] texts) =>
        [.. texts.Select(t => TensorPrimitives.Dot(generator.Embed([t])[0], generator.EmbedQueries([t])[0]))];

    private static double Median(string[] texts, Action<string> embed)
    {
        foreach (var text in texts.Take(20))
        {
            embed(text);
        }

        var times = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            foreach (var text in texts)
            {
                var clock = Stopwatch.StartNew();
                embed(text);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
