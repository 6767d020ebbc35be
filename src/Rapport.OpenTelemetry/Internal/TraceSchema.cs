using Rapport.Telemetry;
using Microsoft.Data.Sqlite;

namespace Rapport.OpenTelemetry.Internal;

/// <summary>The local trace store's tables: spans, and which users' hashes appear in which traces (for forget).</summary>
/// <remarks>Version 1 is created with <c>IF NOT EXISTS</c> on every open; later versions are steps in one <c>BEGIN IMMEDIATE</c>
/// transaction, so processes opening one file at once migrate it exactly once.</remarks>
internal static class TraceSchema
{
    public const int Version = 3;

    // The spans table's columns as of schema 3: a rowid table (see step 3 below), with the tokens column of step 2.
    private const string SpansColumns = """
        trace_id TEXT NOT NULL,
        span_id TEXT NOT NULL,
        parent_span_id TEXT,
        name TEXT NOT NULL,
        source TEXT NOT NULL,
        kind INTEGER NOT NULL,
        start_us INTEGER NOT NULL,
        duration_us INTEGER NOT NULL,
        status INTEGER NOT NULL,
        status_description TEXT,
        attributes TEXT NOT NULL,
        events TEXT NOT NULL,
        expires_at_us INTEGER NOT NULL,
        tokens INTEGER,
        PRIMARY KEY (trace_id, span_id)
        """;

    // Its indexes (created by step 2, and again after step 3 rebuilds the table).
    private const string SpansIndexes = """
        CREATE INDEX IF NOT EXISTS spans_start ON spans (start_us);
        CREATE INDEX IF NOT EXISTS spans_expiry ON spans (expires_at_us);
        CREATE INDEX IF NOT EXISTS spans_latency ON spans (start_us, name, duration_us, status, expires_at_us, tokens);
        CREATE INDEX IF NOT EXISTS spans_errors ON spans (trace_id) WHERE status = 2;
        """;

    public static void Migrate(SqliteConnection connection)
    {
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"""
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS spans ({SpansColumns});
                CREATE TABLE IF NOT EXISTS trace_users (
                    user_hash TEXT NOT NULL,
                    trace_id TEXT NOT NULL,
                    expires_at_us INTEGER NOT NULL,
                    PRIMARY KEY (user_hash, trace_id)
                ) WITHOUT ROWID;
                CREATE INDEX IF NOT EXISTS trace_users_trace ON trace_users (trace_id);
                """;
            command.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        using var step = connection.CreateCommand();
        step.Transaction = transaction;
        step.CommandText = "PRAGMA user_version;";
        if ((long)step.ExecuteScalar()! < Version)
        {
            // 2: for health pages. The context size moves out of the JSON attributes into a column, so the newest spans' names,
            // durations, statuses and sizes come from one covering index (spans_latency) without reading a row; failed traces
            // are found by a partial index (spans_errors). Spans are written in batches off the request path, so the extra index
            // writes cost no caller. The column is added only when missing (an earlier build of this step may have added it).
            step.CommandText = $"""
                SELECT count(*) FROM pragma_table_info('spans') WHERE name = 'tokens';
                """;
            if ((long)step.ExecuteScalar()! == 0)
            {
                step.CommandText = "ALTER TABLE spans ADD COLUMN tokens INTEGER;";
                step.ExecuteNonQuery();
            }

            step.CommandText = $"""
                UPDATE spans SET tokens = json_extract(attributes, '$."{RapportTelemetryNames.ContextTokens}"')
                    WHERE tokens IS NULL AND json_type(attributes, '$."{RapportTelemetryNames.ContextTokens}"') = 'integer';
                DROP INDEX IF EXISTS spans_recent;
                {SpansIndexes}
                """;
            step.ExecuteNonQuery();

            // 3: spans become an ordinary rowid table (its key a unique index of ids). As a WITHOUT ROWID b-tree, its rows are
            // keys, and when pages split and rebalance SQLite leaves stale copies of moved rows in the free gap of other pages,
            // which secure_delete does not zero: a forgotten or expired user's hash could stay in the file. A file of an
            // earlier build is copied over once; the old table's pages are freed and zeroed (secure_delete).
            step.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'spans' AND sql LIKE '%WITHOUT ROWID%';";
            if ((long)step.ExecuteScalar()! > 0)
            {
                step.CommandText = $"""
                    CREATE TABLE spans_rowid ({SpansColumns});
                    INSERT INTO spans_rowid (trace_id, span_id, parent_span_id, name, source, kind, start_us, duration_us, status,
                        status_description, attributes, events, expires_at_us, tokens)
                    SELECT trace_id, span_id, parent_span_id, name, source, kind, start_us, duration_us, status,
                        status_description, attributes, events, expires_at_us, tokens FROM spans;
                    DROP TABLE spans;
                    ALTER TABLE spans_rowid RENAME TO spans;
                    {SpansIndexes}
                    """;
                step.ExecuteNonQuery();
            }

            step.CommandText = $"PRAGMA user_version = {Version};";
            step.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
