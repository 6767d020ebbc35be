using Microsoft.Data.Sqlite;

namespace Rapport.Sqlite.Internal;

/// <summary>The versioned schema: migration N brings a database from version N-1 to N.</summary>
/// <remarks>
/// The version lives in <c>PRAGMA user_version</c>. Migrations run inside one <c>BEGIN IMMEDIATE</c> transaction,
/// so several processes opening a new file at once migrate it exactly once. Never edit a shipped migration: add one.
/// </remarks>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        // 1: interventions, reflections, profiles, per-user versions for cache validation.
        """
        CREATE TABLE interventions (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL,
            session_id TEXT,
            created_at INTEGER NOT NULL,
            situation TEXT NOT NULL,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            tool TEXT,
            outcome INTEGER NOT NULL,
            rating INTEGER,
            outcome_at INTEGER,
            scores TEXT NOT NULL,
            quality REAL,
            metadata TEXT NOT NULL,
            embedding BLOB NOT NULL,
            embedding_model TEXT NOT NULL,
            expires_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX ix_interventions_user ON interventions (user_id, created_at DESC);
        CREATE INDEX ix_interventions_expires ON interventions (expires_at);
        CREATE TABLE reflections (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL,
            session_id TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            summary TEXT NOT NULL,
            insights TEXT NOT NULL,
            intervention_count INTEGER NOT NULL,
            helped_count INTEGER NOT NULL,
            not_helped_count INTEGER NOT NULL,
            expires_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX ix_reflections_user ON reflections (user_id, created_at DESC);
        CREATE INDEX ix_reflections_expires ON reflections (expires_at);
        CREATE TABLE profiles (
            user_id TEXT PRIMARY KEY,
            preferences TEXT NOT NULL,
            facts TEXT NOT NULL,
            updated_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE write_sequence (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL) STRICT;
        INSERT INTO write_sequence (id, value) VALUES (1, 0);
        CREATE TABLE user_versions (user_id TEXT PRIMARY KEY, version INTEGER NOT NULL) STRICT;
        """,

        // 2: a change feed per user. Every intervention carries the file-wide sequence number of its last change (seq), so a
        // process holding a user's snapshot at version v reads only the rows with seq > v. A user's epoch is the version
        // that started its current incarnation: a snapshot older than it (the user was forgotten or emptied since) is
        // loaded whole. Rows written before this migration carry 0, older than any snapshot a process can still hold.
        """
        ALTER TABLE interventions ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX ix_interventions_seq ON interventions (user_id, seq);
        ALTER TABLE user_versions ADD COLUMN epoch INTEGER NOT NULL DEFAULT 0;
        """,

        // 3: covering indexes for the store-wide aggregates (IMemoryOverview): a row carries its 1.5 KB embedding, so a
        // scan of the table reads every vector; these let the dashboard's counts read the index alone.
        """
        CREATE INDEX ix_interventions_sessions ON interventions (user_id, session_id, created_at, outcome, expires_at);
        CREATE INDEX ix_interventions_activity ON interventions (created_at, kind, outcome, quality, expires_at);
        """,

        // 4: store-wide settings; 'embedder' is the embedder every vector must come from (re-embedding changes it).
        """
        CREATE TABLE store_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
        INSERT INTO store_settings (name, value)
            SELECT 'embedder', embedding_model FROM interventions GROUP BY embedding_model ORDER BY count(*) DESC, embedding_model LIMIT 1;
        """,

        // 5: the next expiry of a live profile by index: the dashboard's kept aggregates check it on every read (AggregateCache),
        // and the purge at open asks whether any profile has expired; without it both scan every profile's row.
        """
        CREATE INDEX ix_profiles_expires ON profiles (expires_at);
        """,

        // 6: a covering index for a user's profile (GetProfileAsync: outcomes per kind, last activity), which every turn's
        // context reads: without it both aggregates looked up every one of the user's rows in the table, a page each (issue 17).
        """
        CREATE INDEX ix_interventions_outcomes ON interventions (user_id, kind, outcome, expires_at, created_at, outcome_at);
        """,
    ];

    /// <summary>Gets the schema version this code writes.</summary>
    public static int CurrentVersion => Migrations.Length;

    /// <summary>Brings the database up to <see cref="CurrentVersion"/>; refuses a newer one, and a file another program made.</summary>
    /// <remarks>A database already at <see cref="CurrentVersion"/> is only read: no write lock is taken, so opening it never
    /// waits behind another process's write. The file is switched to WAL only once it is known to be Rapport's (or empty).</remarks>
    public static void Migrate(SqliteConnection connection)
    {
        var version = ReadVersion(connection, transaction: null);
        if (version == CurrentVersion && JournalMode(connection) == "wal")
        {
            return;
        }

        if (version == 0 && ForeignTables(connection) is { Length: > 0 } foreign)
        {
            throw new InvalidOperationException(
                $"The file is an SQLite database of another program (tables {foreign}), not a Rapport store; it was left unchanged. Point --store at a new file.");
        }

        using (var wal = connection.CreateCommand())
        {
            // WAL lets readers and one writer work at once across processes; it is a property of the file.
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        version = ReadVersion(connection, transaction);
        if (version > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"The database has schema version {version}, newer than this Rapport understands ({CurrentVersion}). Upgrade Rapport.");
        }

        for (var next = version; next < CurrentVersion; next++)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Migrations[next] + $"\nPRAGMA user_version = {next + 1};";
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>Throws unless the database is a Rapport store at <see cref="CurrentVersion"/>: what a read-only open requires.</summary>
    public static void RequireCurrent(SqliteConnection connection)
    {
        var version = ReadVersion(connection, transaction: null);
        if (version != CurrentVersion)
        {
            throw new InvalidOperationException(version == 0
                ? "The file is not a Rapport store (no schema); it was left unchanged."
                : $"The store has schema version {version} and this Rapport reads {CurrentVersion}; a command that writes (remember) migrates it, or upgrade Rapport.");
        }
    }

    private static string JournalMode(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        return ((string)command.ExecuteScalar()!).ToLowerInvariant();
    }

    // Tables in a file with no Rapport schema version: another program's database, which Rapport must not touch.
    private static string ForeignTables(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        // The version and the tables in one statement (one snapshot): read apart, a concurrent first open of the same new file
        // could commit its migration between the two reads, and its tables would look like another program's.
        command.CommandText =
            "SELECT CASE WHEN (SELECT user_version FROM pragma_user_version()) = 0 THEN " +
            "(SELECT group_concat(name, ', ') FROM (SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name LIMIT 5)) END;";
        return command.ExecuteScalar() as string ?? "";
    }

    private static long ReadVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return (long)command.ExecuteScalar()!;
    }
}
