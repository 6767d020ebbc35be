using System.Security.Cryptography;
using Rapport.Embeddings.Onnx.Internal.Bert;

namespace Rapport.Embeddings.Onnx.Internal;

/// <summary>Builds the ONNX graph from the weights once and keeps it on disk, keyed by the weights' hash.</summary>
/// <remarks>
/// The file name holds the weights' SHA-256 prefix and <see cref="BertGraphWriter.Version"/>, so new weights or a new
/// graph layout get a new file; the int8 variant (queries) has its own file, with <c>-int8</c> and <see cref="Int8Weights.Levels"/>. A graph is written to a temporary file and renamed into place, so a crash or a
/// concurrent process never leaves a half-written graph under the final name; a sidecar <c>.sha256</c> lets a later
/// start detect a damaged file and rebuild it instead of running it.
/// </remarks>
internal static class GraphCache
{
    public static string PathFor(string cacheDirectory, bool int8 = false) =>
        Path.Combine(
            cacheDirectory,
            $"{MiniLmModel.ModelId}-{MiniLmModel.WeightsSha256[..16]}-g{BertGraphWriter.Version}{(int8 ? $"-int8l{Int8Weights.Levels}" : "")}.onnx");

    /// <summary>Returns the path of an intact cached graph, building it first when it is missing or damaged.</summary>
    public static (string Path, bool Built) Ensure(ModelFiles files, string cacheDirectory, bool int8 = false)
    {
        var path = PathFor(cacheDirectory, int8);
        if (IsIntact(path))
        {
            return (path, false);
        }

        Directory.CreateDirectory(cacheDirectory);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            var config = BertConfig.Read(files.Config);
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
            {
                new BertGraphWriter(SafetensorsFile.Read(files.Weights), config, int8).Write(stream);
            }

            File.WriteAllText(temporary + ".sha256", Hash(temporary));
            File.Move(temporary + ".sha256", path + ".sha256", overwrite: true);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
            File.Delete(temporary + ".sha256");
        }

        return (path, true);
    }

    /// <summary>Deletes a cached graph (after ONNX Runtime rejected it); nothing to do when the cache folder does not exist yet.</summary>
    public static void Discard(string path)
    {
        // File.Delete ignores a missing file but throws when the folder is missing: a first start has no cache folder.
        if (!Directory.Exists(Path.GetDirectoryName(path)))
        {
            return;
        }

        File.Delete(path);
        File.Delete(path + ".sha256");
    }

    public static bool IsIntact(string path) =>
        File.Exists(path) && File.Exists(path + ".sha256")
        && string.Equals(File.ReadAllText(path + ".sha256").Trim(), Hash(path), StringComparison.Ordinal);

    private static string Hash(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
