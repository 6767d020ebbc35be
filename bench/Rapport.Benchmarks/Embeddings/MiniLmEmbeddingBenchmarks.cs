using BenchmarkDotNet.Attributes;
using Rapport.Embeddings.Onnx;

namespace Rapport.Benchmarks.Embeddings;

/// <summary>Latency of one sentence and throughput of a batch on the local all-MiniLM-L6-v2 embedder (graph cached).</summary>
[MemoryDiagnoser]
public class MiniLmEmbeddingBenchmarks
{
    private static readonly string[] Sentences = SentenceCorpus.Sentences(32);
    private MiniLmEmbeddingGenerator _generator = null!;

    [GlobalSetup]
    public void Setup() => _generator = MiniLmEmbeddingGenerator.Load();

    [GlobalCleanup]
    public void Cleanup() => _generator.Dispose();

    /// <summary>One typical situation sentence (10 tokens).</summary>
    [Benchmark]
    public float[] SingleSentence() => _generator.Embed(["I feel anxious about my exam tomorrow"])[0];

    /// <summary>32 situation sentences in one call: sentences per second = 32 / mean.</summary>
    [Benchmark(OperationsPerInvoke = 32)]
    public float[][] Batch32() => _generator.Embed(Sentences);
}
