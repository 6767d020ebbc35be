using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Rapport.Embeddings;
using Rapport.Memory;
using Rapport.Sqlite;
using Rapport.Storage;
using Rapport.Telemetry;
using Rapport.OpenTelemetry.Hosting;
using Rapport.OpenTelemetry.LocalTraces;

namespace Rapport.Benchmarks.Telemetry;

/// <summary>What tracing costs a memory search: undecorated, decorated with no listener, and with the SDK exporting to the local trace store.</summary>
/// <remarks>
/// <para>
/// Two searches, each in three set-ups. <c>Recall*</c> is <see cref="RapportMemory.RecallAsync"/> (embed with the hashing
/// embedder, then search SQLite): three spans when traced (<c>search_memory</c>, <c>embeddings</c>,
/// <c>retrieval sqlite</c>). <c>Search*</c> is <see cref="IMemoryStore.SearchAsync"/> alone: one span.
/// </para>
/// <para>
/// BenchmarkDotNet runs every benchmark in a process of its own, so the SDK (process-wide listeners) is started only
/// in the <c>*Exporting</c> benchmarks' processes: the other set-ups really have no listener.
/// </para>
/// </remarks>
public class TracingOverheadBenchmarks
{
    private const string User = "bench-user";
    private string _folder = "";
    private SqliteMemoryStore _inner = null!;
    private IMemoryStore _traced = null!;
    private RapportMemory _plainMemory = null!;
    private RapportMemory _tracedMemory = null!;
    private RecallRequest _recall = null!;
    private MemorySearchRequest _search = null!;
    private TracerProvider? _tracer;
    private MeterProvider? _meter;
    private LocalTraceStore? _traces;

    /// <summary>Gets or sets how many memories the user has.</summary>
    [Params(1_000)]
    public int Memories { get; set; }

    [GlobalSetup(Targets = [nameof(RecallUntraced), nameof(RecallTracedNoListener), nameof(SearchUntraced), nameof(SearchTracedNoListener)])]
    public Task SetupNoListener() => SetupAsync(exporting: false);

    [GlobalSetup(Targets = [nameof(RecallTracedExporting), nameof(SearchTracedExporting)])]
    public Task SetupExporting() => SetupAsync(exporting: true);

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _tracer?.Dispose();
        _meter?.Dispose();
        _traces?.Dispose();
        await _inner.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public Task<IReadOnlyList<MemorySearchHit>> RecallUntraced() => _plainMemory.RecallAsync(_recall);

    [Benchmark]
    public Task<IReadOnlyList<MemorySearchHit>> RecallTracedNoListener() => _tracedMemory.RecallAsync(_recall);

    [Benchmark]
    public Task<IReadOnlyList<MemorySearchHit>> RecallTracedExporting() => _tracedMemory.RecallAsync(_recall);

    [Benchmark]
    public Task<IReadOnlyList<MemorySearchHit>> SearchUntraced() => _inner.SearchAsync(_search);

    [Benchmark]
    public Task<IReadOnlyList<MemorySearchHit>> SearchTracedNoListener() => _traced.SearchAsync(_search);

    [Benchmark]
    public Task<IReadOnlyList<MemorySearchHit>> SearchTracedExporting() => _traced.SearchAsync(_search);

    private async Task SetupAsync(bool exporting)
    {
        _folder = Directory.CreateTempSubdirectory("rapport-bench-telemetry-").FullName;
        if (exporting)
        {
            _traces = LocalTraceStore.Open(new LocalTraceStoreOptions { Path = Path.Combine(_folder, "traces.db") });
            _tracer = Sdk.CreateTracerProviderBuilder().AddRapportTracing().AddRapportLocalTraces(_traces).Build();
            _meter = Sdk.CreateMeterProviderBuilder().AddMeter(RapportTelemetryNames.SourceName).Build();
        }

        var privacy = new TelemetryPrivacy(UserIdPseudonymizer.ForHome(_folder));
        _inner = SqliteMemoryStore.Open(Path.Combine(_folder, "rapport.db"));
        _traced = new TracingMemoryStore(_inner, privacy);
        IEmbeddingGenerator<string, Embedding<float>> embedder = new HashingEmbeddingGenerator();
        _plainMemory = new RapportMemory(_inner, embedder);
        _tracedMemory = new RapportMemory(_traced, embedder.WithTracing(privacy)) { TelemetryPrivacy = privacy };

        var kinds = new[] { "breathing", "break", "reframe", "check-in", "grounding" };
        var batch = Enumerable.Range(0, Memories).Select(i => new NewIntervention
        {
            UserId = User,
            Situation = $"Situation {i}: I feel tense before meeting {i % 37} and cannot focus on task {i % 11}.",
            Kind = kinds[i % kinds.Length],
            Text = "Let's take three slow breaths together.",
            Quality = (i % 10) / 10.0,
        }).ToList();
        foreach (var chunk in batch.Chunk(500))
        {
            await _plainMemory.RecordManyAsync(chunk);
        }

        _recall = new RecallRequest { UserId = User, Query = "tense before the meeting", Top = 5 };
        _search = new MemorySearchRequest
        {
            UserId = User,
            Embedding = await embedder.GenerateVectorAsync(_recall.Query),
            EmbeddingModel = _plainMemory.EmbeddingModel,
            Top = 5,
        };

        // Warm the vector cache: every measured search reuses it.
        if ((await _plainMemory.RecallAsync(_recall)).Count != 5)
        {
            throw new InvalidOperationException("The warm-up recall did not find 5 memories.");
        }
    }
}
