using System.Diagnostics;
using Rapport.Embeddings.Onnx;

namespace Rapport.Benchmarks.Embeddings;

/// <summary>Measures, in this fresh process, the time to a first vector with a cached graph and the resident memory after it.</summary>
/// <remarks>BenchmarkDotNet reuses one process for all iterations, so process start costs (loading the native runtime)
/// only show here. Run several times; each run prints one line.</remarks>
internal static class StartupProbe
{
    public static void Run()
    {
        var clock = Stopwatch.StartNew();
        using var generator = MiniLmEmbeddingGenerator.Load();
        var loaded = clock.Elapsed;
        generator.Embed(["I feel anxious about my exam tomorrow"]);
        var firstVector = clock.Elapsed;
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        Console.WriteLine(
            $"built-graph={generator.BuiltGraph} load={loaded.TotalMilliseconds:F0} ms first-vector={firstVector.TotalMilliseconds:F0} ms " +
            $"resident={process.WorkingSet64 / (1024.0 * 1024.0):F0} MB managed={GC.GetTotalMemory(false) / (1024.0 * 1024.0):F1} MB");
    }
}
