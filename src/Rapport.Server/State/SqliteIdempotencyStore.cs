namespace Rapport.Server.State;

/// <summary><c>Idempotency-Key</c> records in the tenant's <c>server.db</c>: a claim is a row with a token and the lease as expiry,
/// answered rows keep the response for the lifetime.</summary>
/// <remarks>Claiming is one upsert that only replaces an expired row, atomic across the processes sharing the file.</remarks>
internal sealed class SqliteIdempotencyStore(SqliteStateFile file, TimeSpan lease, TimeSpan lifetime, TimeProvider time) : IIdempotencyStore
{
    /// <inheritdoc />
    public async Task<IdempotencyClaim> ClaimAsync(string key, string requestHash, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var token = Guid.NewGuid().ToString("N");
        using var writing = await file.EnterAsync(cancellationToken).ConfigureAwait(false);
        using var connection = file.Connect();
        using (var claim = SqliteStateFile.Command(connection, """
            INSERT INTO idempotency (key, request_hash, token, expires_at) VALUES ($key, $hash, $token, $lease)
            ON CONFLICT (key) DO UPDATE SET request_hash = excluded.request_hash, token = excluded.token, user_id = NULL,
              status = NULL, content_type = NULL, body = NULL, expires_at = excluded.expires_at
            WHERE idempotency.expires_at <= $now
            """, ("$key", key), ("$hash", requestHash), ("$token", token), ("$lease", now + (long)lease.TotalMilliseconds), ("$now", now)))
        {
            if (await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                return new IdempotencyClaim(requestHash, token, null);
            }
        }

        using var read = SqliteStateFile.Command(connection,
            "SELECT request_hash, status, content_type, body FROM idempotency WHERE key = $key", ("$key", key));
        using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // Released between the two statements: report it busy, the caller asks again.
            return new IdempotencyClaim(requestHash, null, null);
        }

        var stored = reader.IsDBNull(1)
            ? null
            : new StoredResponse(reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2), (byte[])reader.GetValue(3));
        return new IdempotencyClaim(reader.GetString(0), null, stored);
    }

    /// <inheritdoc />
    public Task CompleteAsync(string key, string requestHash, StoredResponse response, string? userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return file.ExecuteAsync(
            """
            INSERT OR REPLACE INTO idempotency (key, request_hash, token, user_id, status, content_type, body, expires_at)
              VALUES ($key, $hash, NULL, $user, $status, $type, $body, $expires);
            DELETE FROM idempotency WHERE expires_at <= $now;
            """,
            cancellationToken,
            ("$key", key), ("$hash", requestHash), ("$user", userId), ("$status", response.Status), ("$type", response.ContentType),
            ("$body", response.Body), ("$expires", now + (long)lifetime.TotalMilliseconds), ("$now", now));
    }

    /// <inheritdoc />
    public Task ReleaseAsync(string key, string requestHash, string token, CancellationToken cancellationToken = default) =>
        file.ExecuteAsync("DELETE FROM idempotency WHERE key = $key AND token = $token", cancellationToken, ("$key", key), ("$token", token));

    /// <inheritdoc />
    public Task ForgetUserAsync(string userId, CancellationToken cancellationToken = default) =>
        file.ExecuteAsync("DELETE FROM idempotency WHERE user_id = $user", cancellationToken, ("$user", userId));
}
