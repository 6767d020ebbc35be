using System.Diagnostics;
using Rapport.Embeddings.Onnx;

namespace Rapport.Benchmarks.Embeddings;

/// <summary>CPU time per sentence with one ONNX Runtime thread (<c>--cpu</c>), a measure that contention does not inflate.</summary>
/// <remarks>
/// On a machine shared with other busy processes, wall-clock latency mostly measures the wait for a core. The process's
/// CPU time per sentence with one intra-op thread is what one idle core would need: an estimate of idle single-thread
/// latency (an idle second core can only make it shorter).
/// </remarks>
internal static class CpuCostProbe
{
    public static void Run()
    {
        using var generator = MiniLmEmbeddingGenerator.Load(new MiniLmEmbeddingOptions { IntraOpThreads = 1 });
        var batch = SentenceCorpus.Sentences(32);
        for (var i = 0; i < 20; i++)
        {
            generator.Embed(["I feel anxious about my exam tomorrow"]);
            generator.Embed(batch);
        }

        var (singleCpu, singleWall) = Measure(() => generator.Embed(["I feel anxious about my exam tomorrow"]), 200);
        var (batchCpu, batchWall) = Measure(() => generator.Embed(batch), 20);
        Console.WriteLine(
            $"single sentence: cpu {singleCpu:F2} ms, wall {singleWall:F2} ms per sentence (200 runs, 1 intra-op thread)");
        Console.WriteLine(
            $"batch of 32: cpu {batchCpu / 32:F2} ms, wall {batchWall / 32:F2} ms per sentence => {32_000 / batchCpu:F0} sentences/s per idle core (20 batches)");
    }

    private static (double CpuMs, double WallMs) Measure(Action action, int count)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            action();
        }

        process.Refresh();
        return ((process.TotalProcessorTime - cpu).TotalMilliseconds / count, clock.Elapsed.TotalMilliseconds / count);
    }
}
