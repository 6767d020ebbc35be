using Rapport.Search;
using Rapport.Storage;
using Rapport.Storage.Conformance;

namespace Rapport.Sqlite.Tests;

/// <summary>Runs the store conformance suite on SQLite with compact cached vectors (int8 scan, exact re-score from the file).</summary>
public sealed class CompactSqliteMemoryStoreConformanceTests : MemoryStoreConformanceTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-sqlite-compact-").FullName;

    protected override Task<IMemoryStore> CreateStoreAsync(TimeProvider time) =>
        Task.FromResult<IMemoryStore>(SqliteMemoryStore.Open(
            Path.Combine(_folder, "rapport.db"), time, SqliteDurability.Full, UserVectorCache.DefaultMaxBytes, VectorPrecision.Compact));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
