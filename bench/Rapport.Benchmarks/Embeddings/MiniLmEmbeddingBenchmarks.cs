using BenchmarkDotNet.Attributes;
using Rapport.Embeddings.Onnx;

namespace Rapport.Benchmarks.Embeddings;

/// <summary>Latency of one sentence and throughput of a batch on the local all-MiniLM-L6-v2 embedder (graph cached).</summary>
[MemoryDiagnoser]
public class MiniLmEmbeddingBenchmarks
{
    private static readonly string[] Sentences = SentenceCorpus.Sentences(32);
    private MiniLmEmbeddingGenerator _generator = null!;
    private MiniLmEmbeddingGenerator _oneRunAtATime = null!;

    [GlobalSetup]
    public void Setup()
    {
        _generator = MiniLmEmbeddingGenerator.Load();
        _oneRunAtATime = MiniLmEmbeddingGenerator.Load(new MiniLmEmbeddingOptions { MaxParallelRuns = 1 });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _generator.Dispose();
        _oneRunAtATime.Dispose();
    }

    /// <summary>One typical situation sentence (10 tokens).</summary>
    [Benchmark]
    public float[] SingleSentence() => _generator.Embed(["I feel anxious about my exam tomorrow"])[0];

    /// <summary>32 situation sentences in one call: sentences per second = 32 / mean.</summary>
    [Benchmark(OperationsPerInvoke = 32)]
    public float[][] Batch32() => _generator.Embed(Sentences);

    /// <summary>The same 32 sentences as one run on ONNX Runtime's own threads (<c>MaxParallelRuns = 1</c>), for comparison.</summary>
    [Benchmark(OperationsPerInvoke = 32)]
    public float[][] Batch32OneRun() => _oneRunAtATime.Embed(Sentences);
}
