namespace Rapport.Samples.Tests;

/// <summary>Where the build fetched the all-MiniLM-L6-v2 model (the logic of ModelFetch.targets), for tests that pack it.</summary>
internal static class BuiltModel
{
    public static string Directory
    {
        get
        {
            if (Environment.GetEnvironmentVariable("RAPPORT_MODEL_DIR") is { Length: > 0 } configured)
            {
                return configured;
            }

            var root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg
                : Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home ? Path.Combine(home, ".cache")
                : Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            return Path.Combine(root, "rapport", "models", "all-MiniLM-L6-v2");
        }
    }

    /// <summary>Skips the test when the build could not fetch the model (npm missing or offline): the tool package cannot carry it then.</summary>
    public static void SkipUnlessFetched()
    {
        if (!File.Exists(Path.Combine(Directory, "model.fp16.safetensors")))
        {
            Assert.Skip($"The MiniLM model was not fetched at build time (npm missing or offline): nothing in {Directory} for the tool package to carry.");
        }
    }
}
