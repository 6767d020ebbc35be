using System.Security.Cryptography;
using System.Text;
using Rapport.Embeddings.Onnx;

namespace Rapport.BehaviourFit;

/// <summary>Embeds texts with all-MiniLM-L6-v2, keeping vectors in a cache file outside the repository so refits do not re-embed.</summary>
/// <remarks>
/// The cache lives in <c>$XDG_CACHE_HOME/rapport/behaviour-fit/</c> (or <c>~/.cache/...</c>), one file per model
/// (named by a hash of the model's weights file), holding SHA-256 of each text and its 384 floats exactly as the
/// embedder returned them, so a cached fit and an uncached one see the same numbers. Delete the folder to re-embed.
/// </remarks>
internal sealed class EmbeddingCache : IDisposable
{
    private const int Dimensions = 384;
    private readonly Dictionary<string, float[]> _vectors = new(StringComparer.Ordinal);
    private readonly string _path;
    private readonly Lazy<MiniLmEmbeddingGenerator> _embedder = new(() => MiniLmEmbeddingGenerator.Load());
    private int _added;

    public EmbeddingCache()
    {
        var files = new ModelFiles(ModelLocation.ResolveModelDirectory());
        var model = Directory.GetFiles(files.Directory).Where(f => f.Contains("model", StringComparison.Ordinal)).Order(StringComparer.Ordinal).First();
        var id = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(model)))[..16];
        _path = Path.Combine(ModelLocation.CacheRoot(), "rapport", "behaviour-fit", $"minilm-{id}.bin");
        if (File.Exists(_path))
        {
            using var reader = new BinaryReader(File.OpenRead(_path));
            while (reader.BaseStream.Position < reader.BaseStream.Length)
            {
                var key = Convert.ToHexStringLower(reader.ReadBytes(32));
                var vector = new float[Dimensions];
                for (var i = 0; i < Dimensions; i++)
                {
                    vector[i] = reader.ReadSingle();
                }

                _vectors[key] = vector;
            }
        }
    }

    /// <summary>Returns the vector of every text, embedding those not cached yet.</summary>
    public Dictionary<string, float[]> Embed(IReadOnlyList<string> texts)
    {
        var missing = texts.Where(t => !_vectors.ContainsKey(Key(t))).Distinct(StringComparer.Ordinal).ToList();
        for (var i = 0; i < missing.Count; i += 256)
        {
            var batch = missing.GetRange(i, Math.Min(256, missing.Count - i));
            var embedded = _embedder.Value.Embed(batch);
            for (var j = 0; j < batch.Count; j++)
            {
                _vectors[Key(batch[j])] = embedded[j];
            }

            _added += batch.Count;
            Console.Error.Write($"\rembedded {i + batch.Count} of {missing.Count} new texts");
        }

        if (missing.Count > 0)
        {
            Console.Error.WriteLine();
            Save();
        }

        return texts.Distinct(StringComparer.Ordinal).ToDictionary(t => t, t => _vectors[Key(t)], StringComparer.Ordinal);
    }

    public void Dispose()
    {
        if (_embedder.IsValueCreated)
        {
            _embedder.Value.Dispose();
        }
    }

    private void Save()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        using (var writer = new BinaryWriter(File.Create(_path + ".tmp")))
        {
            foreach (var (key, vector) in _vectors.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                writer.Write(Convert.FromHexString(key));
                foreach (var value in vector)
                {
                    writer.Write(value);
                }
            }
        }

        File.Move(_path + ".tmp", _path, overwrite: true);
    }

    private static string Key(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
