using Rapport.Embeddings.Onnx;

[assembly: AssemblyFixture(typeof(Rapport.Embeddings.Onnx.Tests.LocalModelFixture))]

namespace Rapport.Embeddings.Onnx.Tests;

/// <summary>Loads the real model once for the test assembly, or records why it cannot.</summary>
public sealed class LocalModelFixture : IDisposable
{
    private readonly MiniLmEmbeddingGenerator? _generator;

    public LocalModelFixture()
    {
        var files = new ModelFiles(ModelLocation.ResolveModelDirectory());
        if (!files.Exist)
        {
            SkipReason = $"The model is not in '{files.Directory}' (npm was missing or offline at build time). {MiniLmModel.HowToGet}";
            return;
        }

        _generator = MiniLmEmbeddingGenerator.Load();
    }

    public string? SkipReason { get; }

    /// <summary>Gets the shared generator, or skips the calling test with the reason the model is unavailable.</summary>
    public MiniLmEmbeddingGenerator Generator => _generator ?? throw Xunit.Sdk.SkipException.ForSkip(SkipReason ?? "model unavailable");

    public void Dispose() => _generator?.Dispose();
}
