namespace Rapport.Embeddings.Onnx.Tests;

public sealed class ModelFilesTests(LocalModelFixture model) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-model-").FullName;

    [Fact]
    public void Load_TruncatedWeights_ThrowsClearErrorNamingTheFile()
    {
        var files = CopyModel();
        using (var weights = new FileStream(files.Weights, FileMode.Open))
        {
            weights.SetLength(weights.Length / 2);
        }

        var error = Assert.Throws<EmbeddingModelException>(() => MiniLmEmbeddingGenerator.Load(Options(files)));

        Assert.Contains(files.Weights, error.Message, StringComparison.Ordinal);
        Assert.Contains("corrupt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OneFlippedByteInWeights_ThrowsInsteadOfProducingVectors()
    {
        var files = CopyModel();
        using (var weights = new FileStream(files.Weights, FileMode.Open))
        {
            weights.Position = 30_000_000;
            var value = weights.ReadByte();
            weights.Position = 30_000_000;
            weights.WriteByte((byte)(value ^ 0x40));
        }

        Assert.Throws<EmbeddingModelException>(() => MiniLmEmbeddingGenerator.Load(Options(files)));
    }

    [Fact]
    public void Load_MissingTokenizer_ThrowsWithHowToGetTheModel()
    {
        var files = CopyModel();
        File.Delete(files.Tokenizer);

        var error = Assert.Throws<EmbeddingModelException>(() => MiniLmEmbeddingGenerator.Load(Options(files)));

        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
        Assert.Contains(ModelLocation.ModelDirVariable, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DamagedCachedGraph_RebuildsItAndEmbedsAsBefore()
    {
        var files = CopyModel();
        var cache = Path.Combine(_folder, "graphs");
        Directory.CreateDirectory(cache);
        var graph = Path.Combine(cache, Path.GetFileName(model.Generator.GraphPath));
        File.Copy(model.Generator.GraphPath, graph);
        File.Copy(model.Generator.GraphPath + ".sha256", graph + ".sha256");
        using (var stream = new FileStream(graph, FileMode.Open))
        {
            stream.SetLength(stream.Length - 1_000);
        }

        using var rebuilt = MiniLmEmbeddingGenerator.Load(new MiniLmEmbeddingOptions { ModelDirectory = files.Directory, GraphCacheDirectory = cache });

        Assert.True(rebuilt.BuiltGraph);
        Assert.Equal(new FileInfo(model.Generator.GraphPath).Length, new FileInfo(graph).Length);
        var expected = model.Generator.Embed(["a quiet walk helped"])[0];
        Assert.Equal(expected, rebuilt.Embed(["a quiet walk helped"])[0], (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [Fact]
    public void Load_GraphCacheFolderDoesNotExistYet_BuildsTheGraphThere()
    {
        // A fresh machine: the model was fetched but nothing was ever built, so not even the cache folder exists.
        var files = CopyModel();
        var cache = Path.Combine(_folder, "never-created", "onnx");

        using var generator = MiniLmEmbeddingGenerator.Load(new MiniLmEmbeddingOptions { ModelDirectory = files.Directory, GraphCacheDirectory = cache });

        Assert.True(generator.BuiltGraph);
        Assert.True(File.Exists(Path.Combine(cache, Path.GetFileName(model.Generator.GraphPath))));
        var expected = model.Generator.Embed(["a quiet walk helped"])[0];
        Assert.Equal(expected, generator.Embed(["a quiet walk helped"])[0], (a, b) => Math.Abs(a - b) < 1e-5);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private ModelFiles CopyModel()
    {
        var source = model.Generator.Files;
        var copy = new ModelFiles(Path.Combine(_folder, "model"));
        Directory.CreateDirectory(copy.Directory);
        File.Copy(source.Weights, copy.Weights);
        File.Copy(source.Tokenizer, copy.Tokenizer);
        File.Copy(source.Config, copy.Config);
        return copy;
    }

    private MiniLmEmbeddingOptions Options(ModelFiles files) =>
        new() { ModelDirectory = files.Directory, GraphCacheDirectory = Path.Combine(_folder, "graphs") };
}
