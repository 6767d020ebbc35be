using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Configuration;
using Rapport.Memory;
using Rapport.Sqlite;

namespace Rapport.Embeddings.Onnx.Tests;

// The fallback notice is once per process: these tests must not run in parallel with each other.
[Collection(nameof(RapportOptionsLocalEmbeddingsExtensionsTests))]
public sealed class RapportOptionsLocalEmbeddingsExtensionsTests(LocalModelFixture model) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-di-").FullName;

    [Fact]
    public void OpenEmbedder_ModelAbsent_FallsBackToHashingAndSaysSoOnce()
    {
        LocalEmbeddingsFallback.Reset();
        var options = new RapportOptions().UseLocalEmbeddings(o => o.ModelDirectory = Path.Combine(_folder, "no-model"));
        using var log = new CapturingLoggerFactory();

        using var first = options.OpenEmbedder(_folder, log);
        using var second = options.OpenEmbedder(_folder, log);

        Assert.IsType<HashingEmbeddingGenerator>(first);
        Assert.IsType<HashingEmbeddingGenerator>(second);
        var notice = Assert.Single(log.Messages);
        Assert.Contains("falls back to the hashing embedder", notice, StringComparison.Ordinal);
        Assert.Contains("npm", notice, StringComparison.Ordinal);
        Assert.Contains(ModelLocation.ModelDirVariable, notice, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenEmbedder_MiniLmAskedForButModelAbsent_ThrowsInsteadOfFallingBack()
    {
        var options = new RapportOptions { Embedder = "minilm" }.UseLocalEmbeddings(o => o.ModelDirectory = Path.Combine(_folder, "no-model"));

        var error = Assert.Throws<EmbeddingModelException>(() => options.OpenEmbedder(_folder, new CapturingLoggerFactory()));

        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRapport_WithLocalEmbeddings_UsesMiniLmByDefault()
    {
        _ = model.Generator;
        await using var services = Services(o => { });

        var memory = services.GetRequiredService<RapportMemory>();

        Assert.IsType<MiniLmEmbeddingGenerator>(services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
        Assert.Equal(MiniLmModel.ModelId, memory.EmbeddingModel);
    }

    [Fact]
    public async Task AddRapport_EmbedderHashing_OverridesTheLocalDefault()
    {
        await using var services = Services(o => o.Embedder = "hashing");

        Assert.IsType<HashingEmbeddingGenerator>(services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>());
    }

    [Fact]
    public async Task AddRapport_InjectedEmbedder_OverridesEverything()
    {
        var services = new ServiceCollection();
        using var injected = new HashingEmbeddingGenerator(64);
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(injected);
        services.AddRapport(o => o.UseSqlite(Path.Combine(_folder, "r.db")).UseLocalEmbeddings());
        await using var provider = services.BuildServiceProvider();

        Assert.Equal("hashing-64", provider.GetRequiredService<RapportMemory>().EmbeddingModel);
    }

    [Fact]
    public async Task AddRapport_UnknownEmbedder_FailsWithTheRegisteredNames()
    {
        await using var services = Services(o => o.Embedder = "word2vec");

        var error = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<RapportMemory>());

        Assert.Contains("word2vec", error.Message, StringComparison.Ordinal);
        Assert.Contains("hashing, minilm", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private ServiceProvider Services(Action<RapportOptions> configure) =>
        new ServiceCollection()
            .AddRapport(o => configure(o.UseSqlite(Path.Combine(_folder, "r.db")).UseLocalEmbeddings()))
            .Services.BuildServiceProvider();
}
