using Microsoft.Extensions.Logging.Abstractions;
using Rapport.Configuration;
using Rapport.Embeddings;

namespace Rapport.Tests.Configuration;

[Collection(EnvironmentCollection.Name)]
public sealed class RapportOptionsEmbedderTests : IDisposable
{
    private readonly EnvironmentVariables _environment = new EnvironmentVariables().Set(RapportPaths.EmbedderVariable, null);
    private EmbedderOpenContext? _opened;

    public void Dispose() => _environment.Dispose();

    [Fact]
    public void OpenEmbedder_NothingSet_IsTheHashingEmbedder()
    {
        using var embedder = new RapportOptions().OpenEmbedder("/home", NullLoggerFactory.Instance);

        Assert.IsType<HashingEmbeddingGenerator>(embedder);
    }

    [Fact]
    public void OpenEmbedder_DefaultChangedByAPackage_OpensItAsNotExplicit()
    {
        var options = Options();
        options.DefaultEmbedder = "fake";

        using var embedder = options.OpenEmbedder("/home", NullLoggerFactory.Instance);

        Assert.Equal(new EmbedderOpenContext("fake", false, "/home", NullLoggerFactory.Instance), _opened);
    }

    [Fact]
    public void OpenEmbedder_ConfiguredName_OpensItAsExplicit()
    {
        var options = Options();
        options.Embedder = " FAKE ";

        using var embedder = options.OpenEmbedder("/home", NullLoggerFactory.Instance);

        Assert.Equal(("fake", true), (_opened?.Name, _opened?.IsExplicit));
    }

    [Fact]
    public void OpenEmbedder_VariableOnly_IsNotReadByTheCore()
    {
        // Hosts bind RAPPORT_EMBEDDER into the options; the core itself never reads it.
        _environment.Set(RapportPaths.EmbedderVariable, "fake");

        using var embedder = Options().OpenEmbedder("/home", NullLoggerFactory.Instance);

        Assert.IsType<HashingEmbeddingGenerator>(embedder);
        Assert.Null(_opened);
    }

    [Fact]
    public void Validate_UnknownEmbedder_SaysWhichAreRegistered()
    {
        var options = Options();
        options.Embedder = "word2vec";

        var error = Assert.Throws<ArgumentException>(() => options.Validate());

        Assert.Contains("Unknown embedder 'word2vec'", error.Message, StringComparison.Ordinal);
        Assert.Contains("fake, hashing", error.Message, StringComparison.Ordinal);
    }

    private RapportOptions Options()
    {
        var options = new RapportOptions();
        options.EmbedderProviders["fake"] = context =>
        {
            _opened = context;
            return new HashingEmbeddingGenerator(32);
        };
        return options;
    }
}
