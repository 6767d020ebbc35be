using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;

namespace Rapport.Demo;

/// <summary>Keeps the situation bank's embeddings between runs of the demo in one file, so only the first run pays for them
/// (about 8 s of CPU with MiniLM on the 960 wordings, issue 17).</summary>
/// <remarks>
/// <para>
/// The file holds, per wording, the SHA-256 of its UTF-8 text and its vector: no text at all, and only the bank's own
/// wordings, never a person's words. Its name carries a digest of everything the vectors depend on: the embedder's
/// provider, model and dimensions, the exact builds of the Rapport embedding and ONNX Runtime assemblies loaded, the
/// architecture and the CPU's vector instructions (ONNX Runtime picks its kernels by them). Anything else (another model,
/// another build, another machine's CPU) looks for another file, so a run reads back exactly the vectors it would have
/// computed. An embedder without metadata naming a provider and a model gets no file.
/// </para>
/// <para>A damaged or short file is ignored (and rewritten); the file is written to a temporary name and moved into place.</para>
/// </remarks>
public static class BankEmbeddingFile
{
    private const string Magic = "rapport-bank-embeddings v1";

    /// <summary>The file for <paramref name="embedder"/> in <paramref name="folder"/>, or <see langword="null"/> when the
    /// embedder does not say which model it runs.</summary>
    public static string? PathFor(string folder, IEmbeddingGenerator<string, Embedding<float>> embedder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(embedder);
        var metadata = embedder.GetService<EmbeddingGeneratorMetadata>();
        if (metadata?.ProviderName is not { } provider || metadata.DefaultModelId is not { } model)
        {
            return null;
        }

        var key = new StringBuilder()
            .Append(provider).Append('|').Append(model).Append('|').Append(metadata.DefaultModelDimensions).Append('|')
            .Append(RuntimeInformation.ProcessArchitecture).Append('|')
            .Append(Avx2.IsSupported).Append(Fma.IsSupported).Append(Avx512F.IsSupported).Append(Avx512BW.IsSupported).Append(AvxVnni.IsSupported);
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name is { } name && (name.StartsWith("Rapport.Embeddings", StringComparison.Ordinal) || name.StartsWith("Microsoft.ML.OnnxRuntime", StringComparison.Ordinal)))
            .OrderBy(a => a.GetName().Name, StringComparer.Ordinal))
        {
            key.Append('|').Append(assembly.GetName().Name).Append(' ').Append(assembly.ManifestModule.ModuleVersionId);
        }

        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())))[..24];
        return Path.Combine(Path.GetFullPath(folder), $"bank-embeddings-{digest}.bin");
    }

    /// <summary>Puts every wording of <see cref="SituationBank"/> into <paramref name="cache"/>: from the file in
    /// <paramref name="folder"/> when it has them all, else embedded and the file (re)written.</summary>
    /// <returns>Whether the vectors came from the file.</returns>
    public static async Task<bool> PrepareAsync(PhrasingEmbeddingCache cache, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var bank = SituationBank.AllPhrasings().Distinct(StringComparer.Ordinal).ToList();
        var path = PathFor(folder, cache);
        if (path is not null && Load(path, cache, bank) == bank.Count)
        {
            return true;
        }

        await cache.GenerateAsync(bank, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (path is not null)
        {
            Save(path, cache, bank);
        }

        return false;
    }

    /// <summary>Reads the vectors of <paramref name="texts"/> the file has into <paramref name="cache"/>.</summary>
    /// <returns>How many were read; 0 for a missing or damaged file.</returns>
    public static int Load(string path, PhrasingEmbeddingCache cache, IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(texts);
        try
        {
            if (!File.Exists(path))
            {
                return 0;
            }

            var bytes = File.ReadAllBytes(path);
            var header = Encoding.ASCII.GetBytes(Magic);
            if (bytes.Length < header.Length + 8 || !bytes.AsSpan(0, header.Length).SequenceEqual(header))
            {
                return 0;
            }

            var at = header.Length;
            var count = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at));
            var dimensions = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 4));
            at += 8;
            var record = 32 + (4 * dimensions);
            if (count < 0 || dimensions <= 0 || bytes.Length != at + ((long)count * record))
            {
                return 0;
            }

            var vectors = new Dictionary<string, float[]>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++, at += record)
            {
                vectors[Convert.ToHexString(bytes, at, 32)] = MemoryMarshal.Cast<byte, float>(bytes.AsSpan(at + 32, 4 * dimensions)).ToArray();
            }

            var found = 0;
            foreach (var text in texts.Distinct(StringComparer.Ordinal))
            {
                if (vectors.TryGetValue(Digest(text), out var vector))
                {
                    cache.Remember(text, vector);
                    found++;
                }
            }

            return found;
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <summary>Writes the vectors of <paramref name="texts"/> from <paramref name="cache"/> (all must be in it).</summary>
    /// <returns>Whether the file was written; a folder that cannot be written leaves the demo as it was, only slower next time.</returns>
    public static bool Save(string path, PhrasingEmbeddingCache cache, IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(texts);
        var distinct = texts.Distinct(StringComparer.Ordinal).ToList();
        var vectors = distinct.Select(t => cache.Find(t) ?? throw new InvalidOperationException("A text to save has not been embedded.")).ToList();
        var dimensions = vectors.Count == 0 ? 1 : vectors[0].Length;
        if (vectors.Any(v => v.Length != dimensions))
        {
            return false;
        }

        using var buffer = new MemoryStream();
        buffer.Write(Encoding.ASCII.GetBytes(Magic));
        Span<byte> numbers = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(numbers, distinct.Count);
        BinaryPrimitives.WriteInt32LittleEndian(numbers[4..], dimensions);
        buffer.Write(numbers);
        for (var i = 0; i < distinct.Count; i++)
        {
            buffer.Write(Convert.FromHexString(Digest(distinct[i])));
            buffer.Write(MemoryMarshal.AsBytes(vectors[i].AsSpan()));
        }

        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(temporary, buffer.ToArray());
            File.Move(temporary, path, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Nothing more to do: the temporary name is never read.
            }

            return false;
        }
    }

    private static string Digest(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
