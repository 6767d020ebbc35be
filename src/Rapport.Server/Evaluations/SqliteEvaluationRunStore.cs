using System.Globalization;
using Microsoft.Data.Sqlite;
using Rapport.Evaluation.Runs;

namespace Rapport.Server.Evaluations;

/// <summary>Evaluation runs in a SQLite file, one row per run (its JSON), so every process on the file sees the same runs.</summary>
/// <remarks>The server keeps one file per tenant (<c>tenants/&lt;tenant&gt;/evaluations.db</c>), so tenants are separate by construction.
/// A save is one statement (all or nothing); thread-safe.</remarks>
public sealed class SqliteEvaluationRunStore : IEvaluationRunStore
{
    private readonly string _connection;

    private SqliteEvaluationRunStore(string path) =>
        _connection = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();

    /// <summary>Opens (creating when absent) the runs file at <paramref name="path"/>.</summary>
    public static SqliteEvaluationRunStore Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var store = new SqliteEvaluationRunStore(path);
        using var connection = store.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS evaluation_runs (id TEXT PRIMARY KEY, started_at INTEGER NOT NULL, run TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS evaluation_runs_started ON evaluation_runs (started_at DESC, id DESC);
            """;
        command.ExecuteNonQuery();
        return store;
    }

    /// <inheritdoc />
    public async Task SaveAsync(EvaluationRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        EvaluationRunJson.ValidateId(run.Id);
        var connection = Connect();
        await using var _ = connection.ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO evaluation_runs (id, started_at, run) VALUES ($id, $at, $run)";
        command.Parameters.AddWithValue("$id", run.Id);
        command.Parameters.AddWithValue("$at", run.StartedAt.UtcTicks);
        command.Parameters.AddWithValue("$run", EvaluationRunJson.Write(run));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<EvaluationRun?> GetAsync(string idOrPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrPrefix);
        var connection = Connect();
        await using var _ = connection.ConfigureAwait(false);
        var ids = new List<string>();
        using (var command = connection.CreateCommand())
        {
            // Exact id, or ids starting or ending with the text (substr, not LIKE: an id's '_' and '%' are not wildcards).
            command.CommandText = """
                SELECT id FROM evaluation_runs
                WHERE id = $p OR substr(id, 1, length($p)) = $p OR (length(id) >= length($p) AND substr(id, -length($p)) = $p)
                """;
            command.Parameters.AddWithValue("$p", idOrPrefix);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(reader.GetString(0));
            }
        }

        var id = EvaluationRunJson.Match(ids, idOrPrefix);
        if (id is null)
        {
            return null;
        }

        using var read = connection.CreateCommand();
        read.CommandText = "SELECT run FROM evaluation_runs WHERE id = $id";
        read.Parameters.AddWithValue("$id", id);
        return await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string json ? EvaluationRunJson.Read(json, id) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<EvaluationRun>> ListAsync(CancellationToken cancellationToken = default)
    {
        var connection = Connect();
        await using var _ = connection.ConfigureAwait(false);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, run FROM evaluation_runs ORDER BY started_at DESC, id DESC";
        var runs = new List<EvaluationRun>();
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            runs.Add(EvaluationRunJson.Read(reader.GetString(1), reader.GetString(0)));
        }

        return runs;
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connection);
        connection.Open();
        return connection;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"sqlite evaluation runs ({new SqliteConnectionStringBuilder(_connection).DataSource})");
}
