using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using StackExchange.Redis;

namespace Rapport.Server.State;

/// <summary><c>Idempotency-Key</c> records on Redis: <c>&lt;tenant prefix&gt;:srv:idem:&lt;sha256&gt;</c> (a claim with the lease as TTL,
/// then the response with the lifetime as TTL), and per user a set of the keys whose responses touched them.</summary>
/// <remarks>The claim is <c>SET NX PX</c>; releasing deletes the key only while it still holds our claim (one script).</remarks>
internal sealed class RedisIdempotencyStore(IConnectionMultiplexer redis, string prefix, TimeSpan lease, TimeSpan lifetime) : IIdempotencyStore
{
    private const string ReleaseScript = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

    /// <inheritdoc />
    public async Task<IdempotencyClaim> ClaimAsync(string key, string requestHash, CancellationToken cancellationToken = default)
    {
        var db = redis.GetDatabase();
        var redisKey = Key(key);
        while (true)
        {
            var token = Guid.NewGuid().ToString("N");
            if (await db.StringSetAsync(redisKey, Serialize(new IdempotencyEntry(requestHash, token, null)), lease, When.NotExists).ConfigureAwait(false))
            {
                return new IdempotencyClaim(requestHash, token, null);
            }

            var found = await db.StringGetAsync(redisKey).ConfigureAwait(false);
            if (!found.IsNullOrEmpty)
            {
                return JsonSerializer.Deserialize<IdempotencyEntry>(found.ToString())!.AsFound();
            }

            // Expired between the two commands: claim again.
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <inheritdoc />
    public async Task CompleteAsync(string key, string requestHash, StoredResponse response, string? userId, CancellationToken cancellationToken = default)
    {
        var db = redis.GetDatabase();
        var redisKey = Key(key);
        await db.StringSetAsync(redisKey, Serialize(new IdempotencyEntry(requestHash, null, response)), lifetime).ConfigureAwait(false);
        if (userId is not null)
        {
            var users = UserKey(userId);
            await db.SetAddAsync(users, redisKey.ToString()).ConfigureAwait(false);
            await db.KeyExpireAsync(users, lifetime).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public Task ReleaseAsync(string key, string requestHash, string token, CancellationToken cancellationToken = default) =>
        redis.GetDatabase().ScriptEvaluateAsync(ReleaseScript, [Key(key)], [Serialize(new IdempotencyEntry(requestHash, token, null))]);

    /// <inheritdoc />
    public async Task ForgetUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        var db = redis.GetDatabase();
        var users = UserKey(userId);
        foreach (var member in await db.SetMembersAsync(users).ConfigureAwait(false))
        {
            // One key per command: in a cluster the keys live in different slots.
            await db.KeyDeleteAsync(member.ToString()).ConfigureAwait(false);
        }

        await db.KeyDeleteAsync(users).ConfigureAwait(false);
    }

    private RedisKey Key(string key) => $"{prefix}:srv:idem:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))}";

    private RedisKey UserKey(string userId) => $"{prefix}:srv:idem-user:{userId}";

    private static string Serialize(IdempotencyEntry entry) => JsonSerializer.Serialize(entry);
}
