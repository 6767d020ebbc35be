using System.Text.Json;
using StackExchange.Redis;

namespace Rapport.Server.State;

/// <summary>Prepared turns on Redis: <c>&lt;tenant prefix&gt;:srv:turn:&lt;id&gt;</c> with the turn lifetime as TTL, and per user a set of
/// their turn ids (for forget).</summary>
/// <remarks>Taking is <c>GETDEL</c> (Redis 6.2+), atomic across instances. The number waiting is bounded by the TTL and the
/// rate limit, not by <see cref="RapportServerOptions.PreparedTurnsPerTenant"/> (which bounds the SQLite table).</remarks>
internal sealed class RedisPreparedTurnStore(IConnectionMultiplexer redis, string prefix, TimeSpan lifetime) : IPreparedTurnStore
{
    /// <inheritdoc />
    public async Task AddAsync(PendingTurn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var db = redis.GetDatabase();
        var users = UserKey(turn.UserId);
        await Task.WhenAll(
            db.StringSetAsync(Key(turn.Id), JsonSerializer.Serialize(turn), lifetime),
            db.SetAddAsync(users, turn.Id),
            db.KeyExpireAsync(users, lifetime)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<PendingTurn?> TakeAsync(string id, CancellationToken cancellationToken = default)
    {
        var db = redis.GetDatabase();
        var value = await db.StringGetDeleteAsync(Key(id)).ConfigureAwait(false);
        if (value.IsNullOrEmpty)
        {
            return null;
        }

        var turn = JsonSerializer.Deserialize<PendingTurn>(value.ToString())!;
        await db.SetRemoveAsync(UserKey(turn.UserId), turn.Id).ConfigureAwait(false);
        return turn;
    }

    /// <inheritdoc />
    public async Task ForgetUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        var db = redis.GetDatabase();
        var users = UserKey(userId);
        foreach (var id in await db.SetMembersAsync(users).ConfigureAwait(false))
        {
            await db.KeyDeleteAsync(Key(id.ToString())).ConfigureAwait(false);
        }

        await db.KeyDeleteAsync(users).ConfigureAwait(false);
    }

    private RedisKey Key(string id) => $"{prefix}:srv:turn:{id}";

    private RedisKey UserKey(string userId) => $"{prefix}:srv:turn-user:{userId}";
}
