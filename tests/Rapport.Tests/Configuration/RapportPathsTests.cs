using Rapport.Configuration;

namespace Rapport.Tests.Configuration;

[Collection(EnvironmentCollection.Name)]
public sealed class RapportPathsTests : IDisposable
{
    private static readonly string UserHome = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    private readonly EnvironmentVariables _environment = new EnvironmentVariables()
        .Set(RapportPaths.HomeVariable, null)
        .Set(RapportPaths.StoreVariable, null);

    public void Dispose() => _environment.Dispose();

    [Fact]
    public void ResolveHome_Configured_WinsAndIsMadeFull()
    {
        _environment.Set(RapportPaths.HomeVariable, "/from/variable");

        Assert.Equal(Path.GetFullPath("data/rapport"), RapportPaths.ResolveHome("data/rapport"));
    }

    [Fact]
    public void ResolveHome_VariableOnly_IsNotReadByTheCore()
    {
        // Hosts bind RAPPORT_HOME into the options; the core itself never reads it.
        _environment.Set(RapportPaths.HomeVariable, "/srv/rapport");

        Assert.Equal(Path.Combine(UserHome, ".rapport"), RapportPaths.ResolveHome());
        Assert.Equal(Path.Combine(UserHome, ".rapport"), RapportPaths.ResolveHome("  "));
    }

    [Fact]
    public void ResolveHome_NothingSet_IsDotRapportInTheUsersHome()
    {
        Assert.Equal(Path.Combine(UserHome, ".rapport"), RapportPaths.ResolveHome());
    }

    [Fact]
    public void ResolveHome_Tilde_IsExpanded()
    {
        Assert.Equal(Path.Combine(UserHome, "rapport-data"), RapportPaths.ResolveHome("~/rapport-data"));
    }

    [Fact]
    public void ResolveStore_Configured_WinsOverTheVariable()
    {
        _environment.Set(RapportPaths.StoreVariable, "redis:localhost:6379");

        Assert.Equal(new StoreLocation("sqlite", "/tmp/x.db"), RapportPaths.ResolveStore("sqlite:/tmp/x.db", "/home"));
    }

    [Fact]
    public void ResolveStore_VariableOnly_IsNotReadByTheCore()
    {
        _environment.Set(RapportPaths.StoreVariable, "redis:localhost:6379");

        Assert.Equal(new StoreLocation("sqlite", Path.Combine("/home", "rapport.db")), RapportPaths.ResolveStore(null, "/home"));
    }

    [Fact]
    public void ResolveStore_NothingSet_IsTheSqliteFileInHome()
    {
        Assert.Equal(new StoreLocation("sqlite", Path.Combine("/data", "rapport.db")), RapportPaths.ResolveStore(null, "/data"));
    }

    [Fact]
    public void ResolveStore_Malformed_SaysWhatIsAccepted()
    {
        var error = Assert.Throws<ArgumentException>(() => RapportPaths.ResolveStore("rapport.db", "/data"));

        Assert.Contains(StoreLocation.Accepted, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("~", "")]
    [InlineData("~/", "")]
    [InlineData("~/a/b.db", "a/b.db")]
    public void ExpandTilde_LeadingTilde_IsTheUsersHome(string path, string rest)
    {
        Assert.Equal(Path.Combine(UserHome, rest), RapportPaths.ExpandTilde(path));
    }

    [Theory]
    [InlineData("/abs/~/x")]
    [InlineData("~other/x")]
    [InlineData("relative/x")]
    public void ExpandTilde_NoLeadingTildeSlash_IsUnchanged(string path)
    {
        Assert.Equal(path, RapportPaths.ExpandTilde(path));
    }
}
