using System.Globalization;
using Rapport.Redis.Internal;
using Rapport.Search;
using StackExchange.Redis;

namespace Rapport.Redis.Operations;

/// <summary>What every store operation shares: the connection, the key schema, the store's clock, and the per-user script calls.</summary>
/// <remarks>Thread-safe and immutable; one per store.</remarks>
internal sealed class RedisStoreContext(IConnectionMultiplexer connection, RedisKeys keys, TimeProvider time, TimeSpan expiryGrace, UserVectorCache vectors)
{
    /// <summary>Gets this process's cached vector snapshots: searches read and refresh them, writes carry them forward, forget drops them.</summary>
    public UserVectorCache Vectors => vectors;

    public IConnectionMultiplexer Connection => connection;

    public IDatabase Db => connection.GetDatabase();

    public RedisKeys Keys => keys;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The Redis TTL of a record that expires at <paramref name="expiresAt"/> by the store's clock (plus the grace).</summary>
    public TimeSpan Ttl(DateTimeOffset expiresAt, DateTimeOffset now) =>
        TimeSpan.FromMilliseconds(RedisInstants.TtlMilliseconds(expiresAt, now, expiryGrace));

    /// <summary>Evaluates a per-user script (the user's version key is <c>KEYS[1]</c>).</summary>
    public Task<RedisResult> EvalAsync(string script, string userId, params RedisValue[] arguments) =>
        Db.ScriptEvaluateAsync(script, [keys.Version(userId)], arguments);

    /// <summary>Evaluates a per-user script; when the user has no version yet, draws one from the store-wide sequence and retries.</summary>
    /// <remarks>
    /// A user's versions start at <c>sequence &lt;&lt; 32</c> and count up from there. The sequence never goes back, so
    /// a user forgotten and written again can never reach a version that a process cached for the old data.
    /// </remarks>
    public async Task<RedisResult> EvalVersionedAsync(string script, string userId, Func<string, RedisValue[]> arguments)
    {
        RedisKey[] key = [keys.Version(userId)];
        var db = Db;
        var result = await db.ScriptEvaluateAsync(script, key, arguments("0")).ConfigureAwait(false);
        if (result.Length == 1 && (string?)result[0] == "epoch")
        {
            var epoch = await db.StringIncrementAsync(keys.Sequence).ConfigureAwait(false);
            result = await db.ScriptEvaluateAsync(script, key, arguments((epoch << 32).ToString(CultureInfo.InvariantCulture))).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>Deletes the id mappings of removed records; they live in other slots than the user's keys, so each is deleted on its own.</summary>
    public Task RemoveOwnersAsync(RedisResult[] ids)
    {
        var db = Db;
        return Task.WhenAll(ids.Select(id => db.KeyDeleteAsync(keys.RecordOwner((string)id!))));
    }
}
