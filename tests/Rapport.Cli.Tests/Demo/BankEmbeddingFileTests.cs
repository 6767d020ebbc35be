using Microsoft.Extensions.AI;
using Rapport.Demo;

namespace Rapport.Cli.Tests.Demo;

/// <summary>The situation bank's vectors kept between demo runs: the same vectors back, no text in the file, another model elsewhere.</summary>
public sealed class BankEmbeddingFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-bank-").FullName;

    [Fact]
    public async Task SecondRun_ReadsTheFile_SameVectorsWithoutEmbedding()
    {
        var first = new Counting("model-a");
        var firstCache = new PhrasingEmbeddingCache(first);
        var second = new Counting("model-a");
        var secondCache = new PhrasingEmbeddingCache(second);

        Assert.False(await BankEmbeddingFile.PrepareAsync(firstCache, _folder, TestContext.Current.CancellationToken));
        Assert.True(await BankEmbeddingFile.PrepareAsync(secondCache, _folder, TestContext.Current.CancellationToken));

        Assert.True(first.Texts > 0);
        Assert.Equal(0, second.Texts);
        var bank = SituationBank.AllPhrasings().Distinct().ToList();
        var expected = await firstCache.GenerateAsync(bank, cancellationToken: TestContext.Current.CancellationToken);
        var actual = await secondCache.GenerateAsync(bank, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(expected.Select(e => e.Vector.ToArray()), actual.Select(e => e.Vector.ToArray()));
        Assert.Equal("model-a", actual[0].ModelId);
    }

    [Fact]
    public async Task File_HoldsNoTextOfTheBank()
    {
        await BankEmbeddingFile.PrepareAsync(new PhrasingEmbeddingCache(new Counting("model-a")), _folder, TestContext.Current.CancellationToken);

        var bytes = System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(Directory.GetFiles(_folder).Single(), TestContext.Current.CancellationToken));
        var core = SituationBank.Types.Values.First()[0];
        Assert.DoesNotContain(core[..Math.Min(20, core.Length)], bytes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherModel_OrADamagedFile_EmbedsAgain()
    {
        await BankEmbeddingFile.PrepareAsync(new PhrasingEmbeddingCache(new Counting("model-a")), _folder, TestContext.Current.CancellationToken);
        var otherModel = new Counting("model-b");
        Assert.False(await BankEmbeddingFile.PrepareAsync(new PhrasingEmbeddingCache(otherModel), _folder, TestContext.Current.CancellationToken));
        Assert.True(otherModel.Texts > 0);

        var file = BankEmbeddingFile.PathFor(_folder, new Counting("model-a"))!;
        var bytes = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(file, bytes[..^7], TestContext.Current.CancellationToken);
        var again = new Counting("model-a");

        Assert.False(await BankEmbeddingFile.PrepareAsync(new PhrasingEmbeddingCache(again), _folder, TestContext.Current.CancellationToken));
        Assert.True(again.Texts > 0);
        Assert.Equal(bytes.Length, new FileInfo(file).Length);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // A deterministic stand-in for the model (the file's behaviour does not depend on which vectors it keeps).
    private sealed class Counting(string model) : IEmbeddingGenerator<string, Embedding<float>>
    {
        private readonly EmbeddingGeneratorMetadata _metadata = new("test", defaultModelId: model, defaultModelDimensions: 3);

        public int Texts { get; private set; }

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var list = values.ToList();
            Texts += list.Count;
            return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(
                list.Select(t => new Embedding<float>(new float[] { t.Length, t.Sum(c => (int)c) % 97, model.Length }) { ModelId = model })));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata : serviceType.IsInstanceOfType(this) ? this : null;

        public void Dispose()
        {
        }
    }
}
