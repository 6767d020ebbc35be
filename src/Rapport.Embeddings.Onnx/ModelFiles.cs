using System.Security.Cryptography;

namespace Rapport.Embeddings.Onnx;

/// <summary>The three model files in one folder, and their integrity check.</summary>
/// <param name="Directory">The folder holding the files.</param>
public sealed record ModelFiles(string Directory)
{
    /// <summary>Gets the path of the fp16 weights.</summary>
    public string Weights => Path.Combine(Directory, MiniLmModel.WeightsFile);

    /// <summary>Gets the path of the tokenizer.</summary>
    public string Tokenizer => Path.Combine(Directory, MiniLmModel.TokenizerFile);

    /// <summary>Gets the path of the model configuration.</summary>
    public string Config => Path.Combine(Directory, MiniLmModel.ConfigFile);

    /// <summary>Gets a value indicating whether all three files exist (not whether they are intact).</summary>
    public bool Exist => File.Exists(Weights) && File.Exists(Tokenizer) && File.Exists(Config);

    /// <summary>Checks each file against its pinned SHA-256.</summary>
    /// <exception cref="EmbeddingModelException">A file is missing or its content differs (corrupt, truncated, other model).</exception>
    public void Verify()
    {
        Check(Weights, MiniLmModel.WeightsSha256);
        Check(Tokenizer, MiniLmModel.TokenizerSha256);
        Check(Config, MiniLmModel.ConfigSha256);
    }

    private static void Check(string path, string expected)
    {
        if (!File.Exists(path))
        {
            throw new EmbeddingModelException($"The model file '{path}' is missing. {MiniLmModel.HowToGet}");
        }

        string actual;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20))
        {
            actual = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        if (!string.Equals(actual, expected, StringComparison.Ordinal))
        {
            var size = new FileInfo(path).Length;
            throw new EmbeddingModelException(
                $"The model file '{path}' is corrupt or not the expected file: its SHA-256 is {actual} ({size:N0} bytes), expected " +
                $"{expected}. Delete the folder '{Path.GetDirectoryName(path)}' and rebuild to fetch it again. {MiniLmModel.HowToGet}");
        }
    }
}
