using Microsoft.Extensions.Configuration;
using Rapport.Cli.Hosting;
using Rapport.Configuration;

namespace Rapport.Cli.Tests.Hosting;

/// <summary>The host, not the core, binds the RAPPORT_* variables: as configuration keys without the prefix.</summary>
public sealed class CliConfigurationTests
{
    [Fact]
    public void Bind_RapportVariables_FillTheOptions()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HOME"] = "/srv/rapport",
            ["STORE"] = "redis:localhost:6379",
            ["EMBEDDER"] = "hashing",
            ["TELEMETRY_SENSITIVE"] = "TRUE",
            ["SEARCH:MODE"] = "Dense",
            ["CHAT_MODEL"] = "not an option: ignored",
        }).Build();
        var options = new RapportOptions();

        CliConfiguration.Bind(configuration, options);

        Assert.Equal(("/srv/rapport", "redis:localhost:6379", "hashing"), (options.Home, options.Store, options.Embedder));
        Assert.True(options.Telemetry.IncludeSensitiveData);
        Assert.Equal(Rapport.Search.SearchMode.Dense, options.Search.Mode);
    }

    [Fact]
    public void Bind_NothingSet_LeavesTheDefaults()
    {
        var options = new RapportOptions();

        CliConfiguration.Bind(new ConfigurationBuilder().Build(), options);

        Assert.Equal((null, null, null, false), (options.Home, options.Store, options.Embedder, options.Telemetry.IncludeSensitiveData));
    }
}
