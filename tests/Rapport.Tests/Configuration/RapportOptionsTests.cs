using Microsoft.Extensions.Logging.Abstractions;
using Rapport.Configuration;
using Rapport.Sqlite;
using Rapport.Storage;

namespace Rapport.Tests.Configuration;

public sealed class RapportOptionsTests
{
    [Fact]
    public void OpenStore_NoProvider_SaysWhatToRegister()
    {
        var options = new RapportOptions();

        var error = Assert.Throws<ArgumentException>(() => options.OpenStore(Context("sqlite:/tmp/x.db")));

        Assert.StartsWith("No store provider for 'sqlite:' (none is registered).", error.Message, StringComparison.Ordinal);
        Assert.Contains("options.UseSqlite()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenStore_UnknownScheme_ListsTheRegisteredOnes()
    {
        var options = new RapportOptions().UseSqlite();

        var error = Assert.Throws<ArgumentException>(() => options.OpenStore(Context("redis:localhost:6379")));

        Assert.StartsWith("No store provider for 'redis:' (registered: sqlite).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenStore_RegisteredScheme_CallsItsProviderWithTheContext()
    {
        var options = new RapportOptions();
        StoreOpenContext? seen = null;
        options.StoreProviders["mem"] = context =>
        {
            seen = context;
            throw new MemoryStoreException("opened");
        };
        var context = Context("MEM:anything");

        Assert.Throws<MemoryStoreException>(() => options.OpenStore(context));
        Assert.Same(context, seen);
    }

    [Fact]
    public void Retention_Default_Is30DaysForEveryType()
    {
        var retention = new RapportOptions().Retention;

        Assert.Equal(TimeSpan.FromDays(30), retention.Interventions);
        Assert.Equal(TimeSpan.FromDays(30), retention.Reflections);
        Assert.Equal(TimeSpan.FromDays(30), retention.Profiles);
    }

    [Fact]
    public void Validate_BadRetentionOrStore_Throws()
    {
        var shortRetention = new RapportOptions { Store = "sqlite:/tmp/x.db" };
        shortRetention.Retention.Profiles = TimeSpan.FromDays(-1);
        var badStore = new RapportOptions { Store = "nowhere" };

        Assert.Throws<ArgumentOutOfRangeException>(shortRetention.Validate);
        Assert.Throws<ArgumentException>(badStore.Validate);
        new RapportOptions { Store = "sqlite:/tmp/x.db" }.Validate();
    }

    private static StoreOpenContext Context(string store) =>
        new(StoreLocation.Parse(store), "/tmp", TimeProvider.System, NullLoggerFactory.Instance);
}
