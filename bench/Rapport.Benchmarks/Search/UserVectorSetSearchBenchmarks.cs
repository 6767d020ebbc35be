using BenchmarkDotNet.Attributes;
using Rapport.Memory;
using Rapport.Search;
using Rapport.Storage;

namespace Rapport.Benchmarks.Search;

/// <summary>The raw exact scan: <see cref="UserVectorSet.Search"/> over one user's memories, no store involved.</summary>
public class UserVectorSetSearchBenchmarks
{
    private UserVectorSet _set = UserVectorSet.Empty;
    private MemorySearchRequest _top5 = null!;
    private MemorySearchRequest _filtered = null!;

    /// <summary>Gets or sets how many memories the user has.</summary>
    [Params(1_000, 10_000, 100_000)]
    public int Memories { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _set = BenchmarkData.VectorSet(BenchmarkData.Interventions(Memories));
        var query = BenchmarkData.Query();
        _top5 = new MemorySearchRequest { UserId = BenchmarkData.UserId, Embedding = query, EmbeddingModel = BenchmarkData.Model };
        _filtered = _top5 with { MinQuality = 0.5, Outcome = InterventionOutcome.Helped, Kinds = ["breathing", "break"] };
    }

    [Benchmark(Baseline = true)]
    public IReadOnlyList<VectorMatch> Top5() => _set.Search(_top5, BenchmarkData.Now);

    [Benchmark]
    public IReadOnlyList<VectorMatch> Top5Filtered() => _set.Search(_filtered, BenchmarkData.Now);
}
