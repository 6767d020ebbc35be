using Rapport.Storage;
using Rapport.Storage.Conformance;

namespace Rapport.Sqlite.Tests;

/// <summary>Runs the store conformance suite on a fresh SQLite file per test.</summary>
public sealed class SqliteMemoryStoreConformanceTests : MemoryStoreConformanceTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-sqlite-").FullName;

    protected override Task<IMemoryStore> CreateStoreAsync(TimeProvider time) =>
        Task.FromResult<IMemoryStore>(SqliteMemoryStore.Open(Path.Combine(_folder, "rapport.db"), time));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
