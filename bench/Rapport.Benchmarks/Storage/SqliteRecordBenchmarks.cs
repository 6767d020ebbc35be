using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Rapport.Memory;
using Rapport.Sqlite;

namespace Rapport.Benchmarks.Storage;

/// <summary>Recording throughput in batches, embedding excluded; the Op/s column is memories per second.</summary>
/// <remarks>
/// <c>Store</c> measures <see cref="SqliteMemoryStore.RecordAsync"/> with ready records (validation, one transaction,
/// a durable commit). <c>Memory</c> measures <see cref="RapportMemory.RecordManyAsync"/> over the same store with an
/// embedder that returns precomputed vectors, so it adds only Rapport's own work: validation, ids, times, expiry.
/// Each invocation writes fresh records into one growing file, as a long-running agent would.
/// </remarks>
public class SqliteRecordBenchmarks
{
    private string _folder = "";
    private SqliteMemoryStore _store = null!;
    private RapportMemory _memory = null!;
    private Intervention[] _templates = [];
    private NewIntervention[] _newInterventions = [];
    private long _batch;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("rapport-bench-").FullName;
        _store = SqliteMemoryStore.Open(Path.Combine(_folder, "rapport.db"));
        _templates = BenchmarkData.Interventions(1_000);
        _newInterventions = [.. _templates.Select(t => new NewIntervention
        {
            UserId = t.UserId, SessionId = t.SessionId, Situation = t.Situation, Kind = t.Kind, Text = t.Text, Quality = t.Quality,
        })];
        _memory = new RapportMemory(_store, new PrecomputedEmbeddingGenerator(_templates));
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = 100)]
    public Task Store_Batch100() => _store.RecordAsync(FreshBatch(100));

    [Benchmark(OperationsPerInvoke = 1_000)]
    public Task Store_Batch1000() => _store.RecordAsync(FreshBatch(1_000));

    [Benchmark(OperationsPerInvoke = 1_000)]
    public Task<IReadOnlyList<Intervention>> Memory_Batch1000() => _memory.RecordManyAsync(_newInterventions);

    // Ids must be new on every invocation; copying the templates costs microseconds against milliseconds of writing.
    private Intervention[] FreshBatch(int size)
    {
        var prefix = $"b{++_batch:x8}";
        var batch = new Intervention[size];
        for (var i = 0; i < size; i++)
        {
            batch[i] = _templates[i] with { Id = prefix + _templates[i].Id };
        }

        return batch;
    }

    /// <summary>An embedder that looks up ready vectors by situation: embedding cost stays out of the measurement.</summary>
    private sealed class PrecomputedEmbeddingGenerator(IEnumerable<Intervention> source) : IEmbeddingGenerator<string, Embedding<float>>
    {
        private readonly Dictionary<string, ReadOnlyMemory<float>> _vectors =
            source.ToDictionary(i => i.Situation, i => i.Embedding, StringComparer.Ordinal);

        private readonly EmbeddingGeneratorMetadata _metadata = new("bench", defaultModelId: BenchmarkData.Model);

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(_vectors[v]))));

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata : null;

        public void Dispose()
        {
        }
    }
}
