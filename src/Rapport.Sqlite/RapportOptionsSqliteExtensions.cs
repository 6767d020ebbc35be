using Rapport.Configuration;

namespace Rapport.Sqlite;

/// <summary>Registers the SQLite store with <see cref="RapportOptions"/>.</summary>
public static class RapportOptionsSqliteExtensions
{
    /// <summary>The scheme of SQLite store locations: <c>sqlite:&lt;path&gt;</c>.</summary>
    public const string Scheme = "sqlite";

    /// <summary>Registers the <c>sqlite:</c> provider and, when <paramref name="path"/> is given, selects that file.</summary>
    /// <remarks>Without a path the configured store (or <c>RAPPORT_STORE</c>, or <c>~/.rapport/rapport.db</c>) is used.</remarks>
    public static RapportOptions UseSqlite(this RapportOptions options, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.StoreProviders[Scheme] = context => SqliteMemoryStore.Open(
            RapportPaths.ExpandTilde(context.Location.Target), context.TimeProvider, SqliteDurability.Full, context.VectorCache);
        if (path is not null)
        {
            options.Store = $"{Scheme}:{path}";
        }

        return options;
    }
}
