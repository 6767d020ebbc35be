namespace Rapport.Embeddings.Onnx;

/// <summary>Where the model files and the built ONNX graph live on disk.</summary>
/// <remarks>
/// The model folder is <c>RAPPORT_MODEL_DIR</c> when set; else the copy shipped next to the application
/// (<c>models/all-MiniLM-L6-v2</c> under its base folder: the <c>rapport</c> tool package carries one) when all three files
/// are there; else <c>$XDG_CACHE_HOME/rapport/models/all-MiniLM-L6-v2</c> (<c>~/.cache/...</c> when <c>XDG_CACHE_HOME</c> is
/// unset; <c>%LOCALAPPDATA%</c> on Windows). The build fetches into that last folder (<c>build/ModelFetch.targets</c>
/// mirrors this logic). Built graphs are cached in
/// <c>rapport/onnx</c> under the same cache root, so a read-only <c>RAPPORT_MODEL_DIR</c> works.
/// </remarks>
public static class ModelLocation
{
    /// <summary>The environment variable naming a folder that holds the three model files.</summary>
    public const string ModelDirVariable = "RAPPORT_MODEL_DIR";

    /// <summary>Returns the cache root: <c>XDG_CACHE_HOME</c>, else <c>~/.cache</c>, else the local application data folder.</summary>
    public static string CacheRoot()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg))
        {
            return Path.GetFullPath(xdg);
        }

        var home = Environment.GetEnvironmentVariable("HOME");
        return !string.IsNullOrWhiteSpace(home)
            ? Path.Combine(home, ".cache")
            : Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
    }

    /// <summary>Returns the default model folder inside <see cref="CacheRoot"/>.</summary>
    public static string DefaultModelDirectory() => Path.Combine(CacheRoot(), "rapport", "models", MiniLmModel.ModelId);

    /// <summary>Returns the folder an application ships the model in: <c>models/all-MiniLM-L6-v2</c> under its base folder.</summary>
    public static string BundledModelDirectory() => Path.Combine(AppContext.BaseDirectory, "models", MiniLmModel.ModelId);

    /// <summary>Returns <paramref name="configured"/>, else <c>RAPPORT_MODEL_DIR</c>, else <see cref="BundledModelDirectory"/> when it
    /// holds the three files, else <see cref="DefaultModelDirectory"/>, as a full path.</summary>
    public static string ResolveModelDirectory(string? configured = null)
    {
        var directory = configured;
        if (string.IsNullOrWhiteSpace(directory))
        {
            directory = Environment.GetEnvironmentVariable(ModelDirVariable);
        }

        if (string.IsNullOrWhiteSpace(directory))
        {
            // An installed tool has no build step to fetch the model: the package carries it next to the dlls.
            var bundled = new ModelFiles(BundledModelDirectory());
            directory = bundled.Exist ? bundled.Directory : DefaultModelDirectory();
        }

        return Path.GetFullPath(Rapport.Configuration.RapportPaths.ExpandTilde(directory));
    }

    /// <summary>Returns <paramref name="configured"/>, else the default folder for built graphs inside <see cref="CacheRoot"/>.</summary>
    public static string ResolveGraphCacheDirectory(string? configured = null) =>
        string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(CacheRoot(), "rapport", "onnx")
            : Path.GetFullPath(Rapport.Configuration.RapportPaths.ExpandTilde(configured));
}
