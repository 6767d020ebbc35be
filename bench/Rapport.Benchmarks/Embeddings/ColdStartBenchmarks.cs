using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Rapport.Embeddings.Onnx;

namespace Rapport.Benchmarks.Embeddings;

/// <summary>Load with a cached graph (verify files, load tokenizer, start the ONNX Runtime session) and embed once.</summary>
/// <remarks>ColdStart strategy: every iteration is a fresh load, without warm-up; the first one also pays for loading
/// the native runtime, which <c>--embedder-startup</c> measures in fresh processes.</remarks>
[SimpleJob(RunStrategy.ColdStart, launchCount: 1, warmupCount: 0, iterationCount: 5, id: "cold")]
public class ColdStartBenchmarks
{
    [GlobalSetup]
    public void Setup()
    {
        // Make sure the graph is cached, so the iterations measure a start with a cached graph.
        using var generator = MiniLmEmbeddingGenerator.Load();
    }

    [Benchmark]
    public float[] LoadCachedGraphAndEmbedOnce()
    {
        using var generator = MiniLmEmbeddingGenerator.Load();
        return generator.Embed(["I feel anxious about my exam tomorrow"])[0];
    }
}
