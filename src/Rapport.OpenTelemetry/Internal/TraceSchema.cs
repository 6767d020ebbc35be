using Rapport.Telemetry;
using Microsoft.Data.Sqlite;

namespace Rapport.OpenTelemetry.Internal;

/// <summary>The local trace store's tables: spans, and which users' hashes appear in which traces (for forget).</summary>
internal static class TraceSchema
{
    public const int Version = 1;

    public static void Migrate(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS spans (
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
                PRIMARY KEY (trace_id, span_id)
            ) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS spans_start ON spans (start_us);
            CREATE INDEX IF NOT EXISTS spans_expiry ON spans (expires_at_us);
            -- For health pages: the newest spans' durations read from the index alone, and the failed traces without a scan of every span.
            -- Spans are written in batches off the request path, so the extra index writes cost no caller.
            CREATE INDEX IF NOT EXISTS spans_recent ON spans (start_us, name, duration_us, status, expires_at_us);
            CREATE INDEX IF NOT EXISTS spans_errors ON spans (trace_id) WHERE status = 2;
            CREATE TABLE IF NOT EXISTS trace_users (
                user_hash TEXT NOT NULL,
                trace_id TEXT NOT NULL,
                expires_at_us INTEGER NOT NULL,
                PRIMARY KEY (user_hash, trace_id)
            ) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS trace_users_trace ON trace_users (trace_id);
            PRAGMA user_version = 1;
            """;
        command.ExecuteNonQuery();
    }
}
