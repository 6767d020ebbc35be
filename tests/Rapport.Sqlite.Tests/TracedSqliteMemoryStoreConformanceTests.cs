using Rapport.Learning;
using Rapport.Storage;
using Rapport.Storage.Conformance;
using Rapport.Telemetry;

namespace Rapport.Sqlite.Tests;

/// <summary>Runs the store conformance suite on the SQLite store behind the tracing decorator, as <c>AddRapport</c> and the CLI wire it.</summary>
/// <remarks>A decorator must keep the contract of what it wraps, capabilities (<see cref="IMemoryStore.GetService"/>) included.</remarks>
public sealed class TracedSqliteMemoryStoreConformanceTests : MemoryStoreConformanceTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-sqlite-traced-").FullName;

    protected override Task<IMemoryStore> CreateStoreAsync(TimeProvider time) =>
        Task.FromResult(SqliteMemoryStore.Open(Path.Combine(_folder, "rapport.db"), time).WithTracing());

    [Fact]
    public async Task GetService_ThroughTheDecorator_FindsTheSqliteStoreAndItsPopulationStatistics()
    {
        var store = await OpenStoreAsync();

        Assert.IsType<TracingMemoryStore>(store);
        Assert.Same(store, store.GetService<TracingMemoryStore>());
        var sqlite = Assert.IsType<SqliteMemoryStore>(store.GetService<SqliteMemoryStore>());
        Assert.Same(sqlite, store.GetService<IPopulationStatistics>());
    }

    [Fact]
    public async Task GetService_TwoDecorators_ForwardsThroughBoth()
    {
        var inner = await OpenStoreAsync();
        var outer = new TracingMemoryStore(inner);

        Assert.Same(outer, outer.GetService<TracingMemoryStore>());
        Assert.IsType<SqliteMemoryStore>(outer.GetService<IPopulationStatistics>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
