using Microsoft.Extensions.AI;
using Rapport.Demo;

namespace Rapport.LearningReplica;

/// <summary>The demo bank's 960 wordings as unit vectors, read from the demo's bank embedding file, with their Gram matrix.</summary>
/// <remarks>Wording w is type w / 240, core (w / 30) % 8, opener (w / 5) % 6, closer w % 5: the order of <see cref="SituationBank.AllPhrasings"/>.</remarks>
internal sealed class BankVectors
{
    public const int Types = 4;
    public const int Cores = 8;
    public const int Openers = 6;
    public const int Closers = 5;
    public const int Count = Types * Cores * Openers * Closers;

    private BankVectors(float[][] vectors, double[,] gram) => (Vectors, Gram) = (vectors, gram);

    /// <summary>Gets each wording's unit vector.</summary>
    public float[][] Vectors { get; }

    /// <summary>Gets the cosine similarity of every two wordings.</summary>
    public double[,] Gram { get; }

    public static int Index(int type, int core, int opener, int closer) => (((((type * Cores) + core) * Openers) + opener) * Closers) + closer;

    /// <summary>Reads the bank's vectors from <paramref name="path"/> (a file <see cref="BankEmbeddingFile"/> wrote).</summary>
    public static async Task<BankVectors> LoadAsync(string path)
    {
        var texts = SituationBank.AllPhrasings().ToList();
        using var cache = new PhrasingEmbeddingCache(new NoEmbedder());
        var found = BankEmbeddingFile.Load(path, cache, texts);
        if (found != texts.Distinct(StringComparer.Ordinal).Count())
        {
            throw new InvalidOperationException($"{path} has {found} of the bank's {texts.Count} wordings: run `rapport demo` once.");
        }

        var embeddings = await cache.GenerateAsync(texts);
        var vectors = embeddings.Select(e => Unit(e.Vector.ToArray())).ToArray();
        var gram = new double[Count, Count];
        for (var i = 0; i < Count; i++)
        {
            for (var j = i; j < Count; j++)
            {
                gram[i, j] = gram[j, i] = System.Numerics.Tensors.TensorPrimitives.Dot(vectors[i], vectors[j]);
            }
        }

        return new BankVectors(vectors, gram);
    }

    private static float[] Unit(float[] vector)
    {
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(vector);
        return [.. vector.Select(x => x / norm)];
    }

    // Every wording is in the file; anything else is a mistake.
    private sealed class NoEmbedder : IEmbeddingGenerator<string, Embedding<float>>
    {
        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("A wording is missing from the bank's embedding file.");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
            // Nothing to release.
        }
    }
}
