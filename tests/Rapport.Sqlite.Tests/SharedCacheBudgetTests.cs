using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Search;
using Rapport.Storage;

namespace Rapport.Sqlite.Tests;

/// <summary>Stores opened through <c>AddRapport</c> with one <see cref="VectorCacheBudget"/> (a server's tenants) count their
/// caches against it, each cache still its own store's: a process of many tenants is bounded once, not once per tenant.</summary>
public sealed class SharedCacheBudgetTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-cache-budget-").FullName;

    [Fact]
    public async Task Two_stores_opened_with_one_budget_share_it_and_keep_their_own_caches()
    {
        var budget = new VectorCacheBudget(8L * 1024 * 1024);
        await using var first = Open("a", budget, VectorPrecision.Compact);
        await using var second = Open("b", budget, VectorPrecision.Compact);

        var a = first.GetRequiredService<IMemoryStore>().GetService<UserVectorCache>();
        var b = second.GetRequiredService<IMemoryStore>().GetService<UserVectorCache>();

        Assert.NotNull(a);
        Assert.NotNull(b);
        Assert.NotSame(a, b);
        Assert.Same(budget, a.Budget);
        Assert.Same(budget, b.Budget);
        Assert.Equal(VectorPrecision.Compact, a.Precision);
        Assert.Equal(2, budget.Caches);
    }

    [Fact]
    public async Task Without_a_budget_each_store_gets_its_own_bound_of_the_configured_size()
    {
        await using var first = Open("c", null, VectorPrecision.Full, maxBytes: 3L * 1024 * 1024);
        await using var second = Open("d", null, VectorPrecision.Full, maxBytes: 3L * 1024 * 1024);

        var a = first.GetRequiredService<IMemoryStore>().GetService<UserVectorCache>()!;
        var b = second.GetRequiredService<IMemoryStore>().GetService<UserVectorCache>()!;

        Assert.NotSame(a.Budget, b.Budget);
        Assert.Equal(3L * 1024 * 1024, a.MaxBytes);
    }

    [Fact]
    public void A_bound_under_one_MiB_is_refused_with_what_is_accepted()
    {
        var services = new ServiceCollection().AddRapport(o =>
        {
            o.Home = _folder;
            o.UseSqlite(Path.Combine(_folder, "e.db"));
            o.VectorCache.MaxBytes = 1000;
        }).Services;

        using var provider = services.BuildServiceProvider();
        var error = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IMemoryStore>());
        Assert.Contains("at least 1 MiB", error.Message, StringComparison.Ordinal);
    }

    private ServiceProvider Open(string name, VectorCacheBudget? budget, VectorPrecision precision, long maxBytes = UserVectorCache.DefaultMaxBytes) =>
        new ServiceCollection().AddRapport(o =>
        {
            o.Home = _folder;
            o.UseSqlite(Path.Combine(_folder, $"{name}.db"));
            o.VectorCache.Budget = budget;
            o.VectorCache.Precision = precision;
            o.VectorCache.MaxBytes = maxBytes;
        }).Services.BuildServiceProvider();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
