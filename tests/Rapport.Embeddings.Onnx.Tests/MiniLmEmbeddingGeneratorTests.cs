using System.Numerics.Tensors;
using Microsoft.Extensions.AI;

namespace Rapport.Embeddings.Onnx.Tests;

public sealed class MiniLmEmbeddingGeneratorTests(LocalModelFixture model)
{
    private const string Anxious = "I feel anxious about my exam tomorrow";

    [Theory]
    [InlineData("I'm stressed about the test", 0.583)]
    [InlineData("The weather is sunny today", 0.166)]
    public void Embed_ReferencePairs_MatchIndependentImplementation(string other, double expected)
    {
        var vectors = model.Generator.Embed([Anxious, other]);
        var similarity = TensorPrimitives.Dot(vectors[0], vectors[1]);
        TestContext.Current.SendDiagnosticMessage($"cos('{Anxious}', '{other}') = {similarity:F4}, reference {expected}");
        Assert.Equal(expected, similarity, 0.01);
    }

    [Fact]
    public async Task GenerateAsync_AnyText_ReturnsUnitVectorsOf384WithModelId()
    {
        var embeddings = await model.Generator.GenerateAsync(["", "hello", new string('x', 3_000)], cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(3, embeddings.Count);
        Assert.All(embeddings, e =>
        {
            Assert.Equal(MiniLmModel.Dimensions, e.Vector.Length);
            Assert.Equal(1.0, TensorPrimitives.Norm(e.Vector.Span), 1e-4);
            Assert.Equal(MiniLmModel.ModelId, e.ModelId);
        });
        Assert.Equal(MiniLmModel.ModelId, model.Generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId);
    }

    [Fact]
    public void Tokenize_Sentence_IsLowercaseWordPiecesBetweenClsAndSep()
    {
        var ids = model.Generator.Tokenize("Hello WORLD");

        // bert-base-uncased ids: [CLS]=101, hello=7592, world=2088, [SEP]=102.
        Assert.Equal([101, 7592, 2088, 102], ids);
    }

    [Fact]
    public void Embed_TextLongerThan256Tokens_IsTruncatedAt256()
    {
        var longText = string.Join(' ', Enumerable.Range(0, 400).Select(i => i % 2 == 0 ? "calm" : "breathing"));

        var tokens = model.Generator.Tokenize(longText);
        var vectors = model.Generator.Embed([longText, longText + " but then a completely different ending about taxes and invoices"]);

        Assert.Equal(MiniLmModel.MaxTokens, tokens.Length);
        Assert.Equal(102, tokens[^1]);
        Assert.Equal(1.0, TensorPrimitives.Dot(vectors[0], vectors[1]), 1e-5);
    }

    [Fact]
    public void Embed_Batch_EqualsOneAtATime()
    {
        var texts = Enumerable.Range(0, 45)
            .Select(i => string.Join(' ', Enumerable.Repeat($"sentence {i} about feeling tired after work", 1 + (i % 7))))
            .ToArray();

        var batch = model.Generator.Embed(texts);

        for (var i = 0; i < texts.Length; i++)
        {
            var single = model.Generator.Embed([texts[i]])[0];
            Assert.Equal(1.0, TensorPrimitives.Dot(batch[i], single), 1e-4);
        }
    }

    [Fact]
    public void Embed_SplitIntoParallelRuns_KeepsInputOrderAndEqualsSequentialRuns()
    {
        // 9 texts of mixed length, at least 2 per run and up to 4 runs: three runs of three on three threads.
        var texts = Enumerable.Range(0, 9)
            .Select(i => string.Join(' ', Enumerable.Repeat($"worry number {i} keeps me awake", 1 + ((i * 5) % 4))))
            .ToArray();
        var files = model.Generator.Files.Directory;
        using var parallel = MiniLmEmbeddingGenerator.Load(new MiniLmEmbeddingOptions { ModelDirectory = files, MaxParallelRuns = 4, MinTextsPerParallelRun = 2 });
        using var sequential = MiniLmEmbeddingGenerator.Load(new MiniLmEmbeddingOptions { ModelDirectory = files, MaxParallelRuns = 1 });

        var split = parallel.Embed(texts);
        var oneRun = sequential.Embed(texts);

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(1.0, TensorPrimitives.Dot(split[i], oneRun[i]), 1e-4);
            Assert.Equal(1.0, TensorPrimitives.Dot(split[i], model.Generator.Embed([texts[i]])[0]), 1e-4);
        }
    }

    [Fact]
    public void Embed_NoTexts_ReturnsNoVectors() => Assert.Empty(model.Generator.Embed([]));

    [Theory]
    [InlineData(0, 8)]
    [InlineData(257, 8)]
    [InlineData(2, 0)]
    public void Load_ParallelOptionsOutOfRange_ThrowsNamingTheOption(int runs, int minTexts)
    {
        var options = new MiniLmEmbeddingOptions { MaxParallelRuns = runs, MinTextsPerParallelRun = minTexts };

        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Contains(runs is < 1 or > 256 ? "MaxParallelRuns" : "MinTextsPerParallelRun", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_CancelledBefore_Throws()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => model.Generator.GenerateAsync(["hello"], cancellationToken: cancellation.Token));
    }

    [Fact]
    public async Task GenerateAsync_CancelledWhileRunning_Throws()
    {
        var texts = Enumerable.Range(0, 5_000).Select(i => $"text number {i} about a long and stressful day at the office").ToArray();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Task.Run(() => model.Generator.GenerateAsync(texts, cancellationToken: cancellation.Token), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Embed_ConcurrentCallers_GetTheSameVectorsAsSequential()
    {
        var texts = Enumerable.Range(0, 16).Select(i => $"caller {i} feels overwhelmed by {i} deadlines").ToArray();
        var sequential = texts.Select(t => model.Generator.Embed([t])[0]).ToArray();

        var concurrent = await Task.WhenAll(texts.Select(t => Task.Run(() => model.Generator.Embed([t, Anxious])[0], TestContext.Current.CancellationToken)));

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(1.0, TensorPrimitives.Dot(sequential[i], concurrent[i]), 1e-4);
        }
    }
}
