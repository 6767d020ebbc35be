using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Rapport.Embeddings.Onnx;

namespace Rapport.Embeddings.Benchmarks;

/// <summary>Load with a cached graph (verify files, load tokenizer, start the ONNX Runtime session) and embed once.</summary>
/// <remarks>ColdStart strategy: every iteration is a fresh load, without warm-up; the first one also pays for loading
/// the native runtime, which <c>--startup</c> measures in fresh processes.</remarks>
[Config(typeof(ColdStartConfig))]
public class ColdStartBenchmarks
{
    private sealed class ColdStartConfig : ManualConfig
    {
        public ColdStartConfig() =>
            AddJob(Job.Default.WithStrategy(RunStrategy.ColdStart).WithLaunchCount(1).WithWarmupCount(0).WithIterationCount(5)
                .WithToolchain(InProcessEmitToolchain.Instance).WithId("cold"));
    }

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
