using System.Diagnostics;
using System.Numerics.Tensors;
using Rapport.Embeddings.Onnx;
using Rapport.Evaluation.Retrieval;

namespace Rapport.Benchmarks.Embeddings;

/// <summary>How close the int8 query graph's vectors are to the fp32 ones, and what each costs per query (<c>--int8-queries</c>).</summary>
/// <remarks>The texts are the questions of a LoCoMo-format file (<c>--dataset</c>), else the benchmark's sample sentences. Prints
/// the cosine between each text's int8 and fp32 vector (min, 1st percentile, mean) and the median wall time of one query, one text
/// per run, with one ONNX Runtime thread.</remarks>
internal static class Int8QueryProbe
{
    public static void Run(string[] args)
    {
        var at = Array.IndexOf(args, "--dataset");
        var texts = at >= 0 && at + 1 < args.Length
            ? [.. LocomoReader.LoadAsync(args[at + 1]).GetAwaiter().GetResult().Conversations.SelectMany(c => c.Questions).Select(q => q.Text)]
            : SentenceCorpus.Sentences(64);
        using var generator = MiniLmEmbeddingGenerator.Load(new MiniLmEmbeddingOptions { IntraOpThreads = 1, QuantizedQueries = true });
        var fp32 = generator.Embed(texts);
        var int8 = generator.EmbedQueries(texts);
        var cosines = fp32.Zip(int8, (a, b) => TensorPrimitives.Dot(a, b)).Order().ToArray();
        Console.WriteLine(
            $"{texts.Length} texts: cosine int8 vs fp32 min {cosines[0]:F4}, p1 {cosines[cosines.Length / 100]:F4}, mean {cosines.Average():F4}");

        var sample = texts.Take(200).ToArray();
        Console.WriteLine($"one query per run, {sample.Length} texts, median: fp32 {Median(sample, t => generator.Embed([t])):F2} ms, " +
            $"int8 {Median(sample, t => generator.EmbedQueries([t])):F2} ms");
    }

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
