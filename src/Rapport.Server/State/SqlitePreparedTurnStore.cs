using System.Text.Json;

namespace Rapport.Server.State;

/// <summary>Prepared turns in the tenant's <c>server.db</c>, bounded (the oldest goes first) and expiring.</summary>
/// <remarks>Taking is one <c>DELETE ... RETURNING</c>, atomic across the processes sharing the file.</remarks>
internal sealed class SqlitePreparedTurnStore(SqliteStateFile file, int capacity, TimeSpan lifetime, TimeProvider time) : IPreparedTurnStore
{
    /// <inheritdoc />
    public async Task AddAsync(PendingTurn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await file.ExecuteAsync(
            """
            INSERT OR REPLACE INTO prepared_turns (id, user_id, body, expires_at) VALUES ($id, $user, $body, $expires);
            DELETE FROM prepared_turns WHERE expires_at <= $now
              OR seq <= (SELECT seq FROM prepared_turns ORDER BY seq DESC LIMIT 1 OFFSET $capacity);
            """,
            cancellationToken,
            ("$id", turn.Id), ("$user", turn.UserId), ("$body", JsonSerializer.Serialize(turn)),
            ("$expires", now + (long)lifetime.TotalMilliseconds), ("$now", now), ("$capacity", capacity)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<PendingTurn?> TakeAsync(string id, CancellationToken cancellationToken = default)
    {
        using var writing = await file.EnterAsync(cancellationToken).ConfigureAwait(false);
        using var connection = file.Connect();
        using var command = SqliteStateFile.Command(connection, "DELETE FROM prepared_turns WHERE id = $id RETURNING body, expires_at", ("$id", id));
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false) || reader.GetInt64(1) <= time.GetUtcNow().ToUnixTimeMilliseconds())
        {
            return null;
        }

        return JsonSerializer.Deserialize<PendingTurn>(reader.GetString(0));
    }

    /// <inheritdoc />
    public Task ForgetUserAsync(string userId, CancellationToken cancellationToken = default) =>
        file.ExecuteAsync("DELETE FROM prepared_turns WHERE user_id = $user", cancellationToken, ("$user", userId));
}
