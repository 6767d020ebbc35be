namespace Rapport.Configuration;

/// <summary>Resolves Rapport's data folder and the default store inside it.</summary>
/// <remarks>The core never reads the environment: hosts bind the <c>RAPPORT_*</c> variables named here into configuration
/// (<see cref="RapportOptions"/>) and pass what they found as the configured values.</remarks>
public static class RapportPaths
{
    /// <summary>The environment variable naming the data folder.</summary>
    public const string HomeVariable = "RAPPORT_HOME";

    /// <summary>The environment variable naming the store (<see cref="StoreLocation.Accepted"/>).</summary>
    public const string StoreVariable = "RAPPORT_STORE";

    /// <summary>The environment variable naming the embedder (<c>hashing</c>, <c>minilm</c>).</summary>
    public const string EmbedderVariable = "RAPPORT_EMBEDDER";

    /// <summary>The file name of the embedded store inside the data folder.</summary>
    public const string DefaultDatabaseFile = "rapport.db";

    /// <summary>Returns <paramref name="configured"/>, else <c>~/.rapport</c>, as a full path.</summary>
    public static string ResolveHome(string? configured = null)
    {
        var home = configured;
        if (string.IsNullOrWhiteSpace(home))
        {
            home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".rapport");
        }

        return Path.GetFullPath(ExpandTilde(home));
    }

    /// <summary>Returns <paramref name="configured"/>, else the SQLite file in <paramref name="home"/>.</summary>
    public static StoreLocation ResolveStore(string? configured, string home)
    {
        var store = configured;
        return string.IsNullOrWhiteSpace(store)
            ? new StoreLocation("sqlite", Path.Combine(home, DefaultDatabaseFile))
            : StoreLocation.Parse(store);
    }

    /// <summary>Returns <paramref name="configured"/>, else <paramref name="fallback"/>, lowercase.</summary>
    /// <returns>The name, and whether it was asked for rather than the fallback.</returns>
    public static (string Name, bool IsExplicit) ResolveEmbedder(string? configured, string fallback)
    {
        var name = configured;
        return string.IsNullOrWhiteSpace(name)
            ? (fallback.ToLowerInvariant(), false)
            : (name.Trim().ToLowerInvariant(), true);
    }

    /// <summary>Expands a leading <c>~</c> to the user's home folder.</summary>
    public static string ExpandTilde(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.TrimStart('~').TrimStart('/'))
            : path;
    }
}
