using Microsoft.Extensions.AI;
using Rapport.Configuration;

namespace Rapport.Embeddings.Onnx;

/// <summary>Registers the local all-MiniLM-L6-v2 embedder with <see cref="RapportOptions"/> and makes it the default.</summary>
public static class RapportOptionsLocalEmbeddingsExtensions
{
    /// <summary>Registers the <c>minilm</c> embedder and makes it the default; <c>RAPPORT_EMBEDDER=hashing</c> still overrides.</summary>
    /// <remarks>
    /// When the model files are absent and <c>minilm</c> was not asked for explicitly, the embedder falls back to the
    /// hashing embedder and says so once (<see cref="LocalEmbeddingsFallback"/>). When <c>minilm</c> was asked for
    /// explicitly, an absent model is an <see cref="EmbeddingModelException"/>. A corrupt model is always an error.
    /// </remarks>
    public static RapportOptions UseLocalEmbeddings(this RapportOptions options, Action<MiniLmEmbeddingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var model = new MiniLmEmbeddingOptions();
        configure?.Invoke(model);
        model.Validate();
        options.EmbedderProviders[MiniLmModel.EmbedderName] = context => Open(context, model);
        options.DefaultEmbedder = MiniLmModel.EmbedderName;
        return options;
    }

    private static IEmbeddingGenerator<string, Embedding<float>> Open(Rapport.Embeddings.EmbedderOpenContext context, MiniLmEmbeddingOptions model)
    {
        var files = new ModelFiles(ModelLocation.ResolveModelDirectory(model.ModelDirectory));
        if (!files.Exist && !context.IsExplicit)
        {
            LocalEmbeddingsFallback.Notify(context.LoggerFactory.CreateLogger(typeof(LocalEmbeddingsFallback).FullName!), files.Directory);
            return new HashingEmbeddingGenerator();
        }

        return MiniLmEmbeddingGenerator.Load(model);
    }
}
