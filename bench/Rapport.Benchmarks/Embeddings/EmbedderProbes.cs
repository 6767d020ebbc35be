namespace Rapport.Benchmarks.Embeddings;

/// <summary>Embedder measurements BenchmarkDotNet cannot make: a fresh process's start and resident memory, CPU time.</summary>
/// <remarks>
/// <c>--embedder-startup</c>: time to a first vector with a cached graph and resident memory, in this fresh process.
/// <c>--embedder-startup-steps</c>: the same start, step by step. <c>--embedder-cpu</c>: CPU time per sentence with one
/// ONNX Runtime thread (not inflated by other processes waiting for the same cores). <c>--int8-queries [--dataset file]</c>:
/// the int8 query graph's cosine to fp32 and its latency. Each prints one or two lines.
/// </remarks>
internal static class EmbedderProbes
{
    /// <summary>Runs the probe named in <paramref name="args"/>; returns <see langword="false"/> when none is.</summary>
    public static bool TryRun(string[] args)
    {
        if (args.Contains("--embedder-startup"))
        {
            StartupProbe.Run();
        }
        else if (args.Contains("--embedder-startup-steps"))
        {
            StartupBreakdown.Run();
        }
        else if (args.Contains("--int8-queries"))
        {
            Int8QueryProbe.Run(args);
        }
        else if (args.Contains("--embedder-cpu"))
        {
            CpuCostProbe.Run();
        }
        else
        {
            return false;
        }

        return true;
    }
}
