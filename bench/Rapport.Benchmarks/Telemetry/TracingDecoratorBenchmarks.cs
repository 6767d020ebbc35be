using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
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

/// <summary>The cost of the tracing decorators alone: the search answers at once, so only the decorators' time and allocations show.</summary>
/// <remarks>
/// <c>Search*</c> is one store call (one span when traced); <c>Recall*</c> is <see cref="RapportMemory.RecallAsync"/> with the
/// hashing embedder over that store (three spans when traced). <c>*Exporting</c> runs, in its own process, with the SDK
/// started and the local trace store exporting; the others have no listener at all.
/// </remarks>
public class TracingDecoratorBenchmarks
{
    private string _folder = "";
    private SqliteMemoryStore _sqlite = null!;
    private IMemoryStore _instant = null!;
    private IMemoryStore _traced = null!;
    private RapportMemory _plainMemory = null!;
    private RapportMemory _tracedMemory = null!;
    private RecallRequest _recall = null!;
    private MemorySearchRequest _search = null!;
    private TracerProvider? _tracer;
    private MeterProvider? _meter;
    private LocalTraceStore? _traces;

    [GlobalSetup(Targets = [nameof(SearchUntraced), nameof(SearchTracedNoListener), nameof(RecallUntraced), nameof(RecallTracedNoListener)])]
    public void SetupNoListener() => Setup(exporting: false);

    [GlobalSetup(Targets = [nameof(SearchTracedExporting), nameof(RecallTracedExporting)])]
    public void SetupExporting() => Setup(exporting: true);

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _tracer?.Dispose();
        _meter?.Dispose();
        _traces?.Dispose();
        await _sqlite.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public Task<IReadOnlyList<MemorySearchHit>> SearchUntraced() => _instant.SearchAsync(_search);

    [Benchmark]
    public Task<IReadOnlyList<MemorySearchHit>> SearchTracedNoListener() => _traced.SearchAsync(_search);

    [Benchmark]
    public Task<IReadOnlyList<MemorySearchHit>> SearchTracedExporting() => _traced.SearchAsync(_search);

    [Benchmark]
    public Task<IReadOnlyList<MemorySearchHit>> RecallUntraced() => _plainMemory.RecallAsync(_recall);

    [Benchmark]
    public Task<IReadOnlyList<MemorySearchHit>> RecallTracedNoListener() => _tracedMemory.RecallAsync(_recall);

    [Benchmark]
    public Task<IReadOnlyList<MemorySearchHit>> RecallTracedExporting() => _tracedMemory.RecallAsync(_recall);

    private void Setup(bool exporting)
    {
        _folder = Directory.CreateTempSubdirectory("rapport-bench-decorators-").FullName;
        if (exporting)
        {
            _traces = LocalTraceStore.Open(new LocalTraceStoreOptions { Path = Path.Combine(_folder, "traces.db") });
            _tracer = Sdk.CreateTracerProviderBuilder().AddRapportTracing().AddRapportLocalTraces(_traces).Build();
            _meter = Sdk.CreateMeterProviderBuilder().AddMeter(RapportTelemetryNames.SourceName).Build();
        }

        var now = DateTimeOffset.UtcNow;
        var hits = Enumerable.Range(0, 5).Select(i => new MemorySearchHit(
            new Intervention
            {
                Id = $"{i:x32}",
                UserId = "bench-user",
                CreatedAt = now,
                Situation = "I feel tense before the meeting.",
                Kind = "breathing",
                Text = "Let's take three slow breaths together.",
                ExpiresAt = now.AddDays(30),
            },
            0.9 - (i * 0.1))).ToList();
        var privacy = new TelemetryPrivacy(UserIdPseudonymizer.ForHome(_folder));
        _sqlite = SqliteMemoryStore.Open(Path.Combine(_folder, "rapport.db"));
        _instant = new InstantSearchStore(_sqlite, hits);
        _traced = new TracingMemoryStore(_instant, privacy);
        var embedder = new HashingEmbeddingGenerator();
        _plainMemory = new RapportMemory(_instant, embedder);
        _tracedMemory = new RapportMemory(_traced, embedder.WithTracing(privacy)) { TelemetryPrivacy = privacy };
        _recall = new RecallRequest { UserId = "bench-user", Query = "tense before the meeting" };
        _search = new MemorySearchRequest { UserId = "bench-user", Embedding = new float[384], Top = 5 };
    }
}
