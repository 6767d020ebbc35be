using System.Globalization;
using Rapport.Memory;
using Rapport.Redis.Internal;
using Rapport.Redis.Resilience;
using Rapport.Redis.Topology;
using Rapport.Search;
using StackExchange.Redis;

namespace Rapport.Redis.Operations;

/// <summary>The write path of interventions: claims their ids store-wide, then commits each user's batch all or none.</summary>
/// <remarks>Thread-safe. A write meeting an outage throws a <see cref="RedisException"/>; the caller decides whether to queue it.</remarks>
internal sealed class InterventionWriter(RedisStoreContext context, RedisTopology topology)
{
    /// <summary>Writes a validated batch; on <paramref name="replay"/>, records that already exist are skipped instead of refused.</summary>
    public async Task WriteAsync(IReadOnlyList<Intervention> interventions, bool replay)
    {
        var now = context.Now;
        if (interventions.Count == 1 && topology.IsStandalone && await TryWriteOneAsync(interventions[0], now).ConfigureAwait(false))
        {
            return;
        }

        await ClaimIdsAsync(interventions, now, replay).ConfigureAwait(false);
        if (interventions.All(i => string.Equals(i.UserId, interventions[0].UserId, StringComparison.Ordinal)))
        {
            await CommitAsync(interventions[0].UserId, interventions, now, replay).ConfigureAwait(false);
            return;
        }

        // One transaction per user (one cluster slot each); a batch spanning users is all-or-none per user.
        foreach (var group in interventions.GroupBy(i => i.UserId, StringComparer.Ordinal))
        {
            await CommitAsync(group.Key, [.. group], now, replay).ConfigureAwait(false);
        }
    }

    // One intervention on a standalone server: one script call claims its id and writes it, or writes nothing and says no
    // (the user needs an epoch, the id is taken or exists); the batch path below then sorts out why. Turn by turn, an
    // agent records one intervention per call, so this is the common write.
    private async Task<bool> TryWriteOneAsync(Intervention intervention, DateTimeOffset now)
    {
        var keys = context.Keys;
        RedisKey[] scriptKeys = [keys.Version(intervention.UserId), keys.Intervention(intervention.UserId, intervention.Id), keys.RecordOwner(intervention.Id)];
        RedisValue[] arguments =
        [
            "0", (long)context.Ttl(intervention.ExpiresAt, now).TotalMilliseconds, RedisInstants.Score(intervention.CreatedAt),
            intervention.Id, RedisInstants.Score(intervention.ExpiresAt), intervention.UserId, InterventionValue.Encode(intervention),
        ];
        var version = (long)(await context.Db.ScriptEvaluateAsync(RedisScripts.RecordOne, scriptKeys, arguments).ConfigureAwait(false));
        if (version < 0)
        {
            // The user's first write: draw the epoch its versions start from, as the batch path does.
            var sequence = await context.Db.StringIncrementAsync(keys.Sequence).ConfigureAwait(false);
            arguments[0] = (sequence << 32).ToString(CultureInfo.InvariantCulture);
            version = (long)(await context.Db.ScriptEvaluateAsync(RedisScripts.RecordOne, scriptKeys, arguments).ConfigureAwait(false));
        }

        if (version <= 0)
        {
            return false;
        }

        context.Vectors.Advance(intervention.UserId, version - 1, version, set => set.WithAdded([VectorEntry.From(intervention)], now));
        return true;
    }

    // Ids are unique across users: each id maps to its user (P:rid:<id>, with the record's TTL). A mapping whose record
    // no longer exists is stale (expired, forgotten, or a failed batch) and is taken over. A replayed write meeting its
    // own earlier mapping (an attempt that landed after all) takes it over too: the commit then skips what exists.
    private async Task ClaimIdsAsync(IReadOnlyList<Intervention> interventions, DateTimeOffset now, bool replay)
    {
        var db = context.Db;
        var keys = context.Keys;
        var claimed = await TryClaimAllAsync(db, interventions, now).ConfigureAwait(false);
        for (var n = 0; n < interventions.Count; n++)
        {
            if (claimed[n])
            {
                continue;
            }

            var i = interventions[n];
            var owner = await db.StringGetAsync(keys.RecordOwner(i.Id)).ConfigureAwait(false);
            if (!owner.IsNull && !(replay && owner == i.UserId))
            {
                var check = (RedisResult[])(await context.EvalAsync(RedisScripts.Check, owner!, i.Id).ConfigureAwait(false))!;
                if (check.Length > 1)
                {
                    throw new ArgumentException($"An intervention with id '{i.Id}' already exists.", nameof(interventions));
                }
            }

            await db.StringSetAsync(keys.RecordOwner(i.Id), i.UserId, context.Ttl(i.ExpiresAt, now)).ConfigureAwait(false);
        }
    }

    // One SET ... NX per id; on a standalone server one claim.lua call for all (the keys span slots, which a cluster refuses).
    private async Task<bool[]> TryClaimAllAsync(IDatabase db, IReadOnlyList<Intervention> interventions, DateTimeOffset now)
    {
        if (!topology.IsStandalone || interventions.Count == 1)
        {
            var claims = new Task<bool>[interventions.Count];
            for (var n = 0; n < claims.Length; n++)
            {
                var i = interventions[n];
                claims[n] = db.StringSetAsync(context.Keys.RecordOwner(i.Id), i.UserId, context.Ttl(i.ExpiresAt, now), when: When.NotExists);
            }

            return await Task.WhenAll(claims).ConfigureAwait(false);
        }

        var keys = new RedisKey[interventions.Count];
        var arguments = new RedisValue[2 * interventions.Count];
        for (var n = 0; n < keys.Length; n++)
        {
            var i = interventions[n];
            keys[n] = context.Keys.RecordOwner(i.Id);
            arguments[2 * n] = i.UserId;
            arguments[(2 * n) + 1] = (long)context.Ttl(i.ExpiresAt, now).TotalMilliseconds;
        }

        var taken = (RedisResult[])(await db.ScriptEvaluateAsync(RedisScripts.Claim, keys, arguments).ConfigureAwait(false))!;
        var claimed = new bool[keys.Length];
        Array.Fill(claimed, true);
        foreach (var position in taken)
        {
            claimed[(int)position - 1] = false;
        }

        return claimed;
    }

    /// <summary>Writes one user's interventions, all or none, in as few attempts as it takes (one, almost always).</summary>
    /// <remarks>
    /// A refused attempt (<c>record.lua</c> returned 0) left nothing. <c>check.lua</c> then says why: an id that
    /// exists (an error, or skipped on replay) or a user without a version (an epoch is drawn from the sequence).
    /// Concurrent writers can refuse an attempt again; after eight, the write is treated as Redis being unavailable
    /// (kept in the outbox, replayed in order).
    /// </remarks>
    private async Task CommitAsync(string userId, IReadOnlyList<Intervention> batch, DateTimeOffset now, bool replay)
    {
        var pending = new List<PendingIntervention>(batch.Count);
        foreach (var i in batch)
        {
            pending.Add(new PendingIntervention(
                i.Id, InterventionValue.Encode(i), (long)context.Ttl(i.ExpiresAt, now).TotalMilliseconds,
                RedisInstants.Score(i.CreatedAt), RedisInstants.Score(i.ExpiresAt)));
        }

        var epoch = "0";
        for (var attempt = 1; ; attempt++)
        {
            var version = await TryCommitAsync(userId, pending, epoch).ConfigureAwait(false);
            if (version > 0)
            {
                // This process's snapshot of the user, if it was at the version just before, takes the batch without a refresh.
                var entries = batch.Where(i => pending.Any(p => p.Id == i.Id)).Select(i => VectorEntry.From(i)).ToList();
                context.Vectors.Advance(userId, version - 1, version, set => set.WithAdded(entries, now));
                return;
            }

            if (attempt == 8)
            {
                throw new RedisException($"Concurrent writes refused the interventions of '{userId}' {attempt} times; they are kept for replay.");
            }

            var arguments = pending.Select(p => (RedisValue)p.Id).ToArray();
            var check = (RedisResult[])(await context.EvalAsync(RedisScripts.Check, userId, arguments).ConfigureAwait(false))!;
            if (check.Length > 1)
            {
                var existing = check.Skip(1).Select(r => (string)r!).ToHashSet(StringComparer.Ordinal);
                if (!replay)
                {
                    throw new ArgumentException($"An intervention with id '{pending.First(p => existing.Contains(p.Id)).Id}' already exists.", "interventions");
                }

                pending.RemoveAll(p => existing.Contains(p.Id));
                if (pending.Count == 0)
                {
                    return;
                }
            }

            if ((long)check[0] == 0)
            {
                var sequence = await context.Db.StringIncrementAsync(context.Keys.Sequence).ConfigureAwait(false);
                epoch = (sequence << 32).ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    // Returns the user's new version, or 0 when refused.
    // One MULTI/EXEC of three commands: SCRIPT LOAD record.lua; MSETNX of every value (all or none, and no value passes
    // through Lua); EVALSHA record.lua, which sees whether MSETNX wrote, then sets the TTLs, indexes and bumps the version.
    // The script is loaded inside the transaction because an EVALSHA that met an empty script cache (after a restart or
    // failover) would fail alone while MSETNX went through; EVAL would hash the script's text twice instead of once.
    private async Task<long> TryCommitAsync(string userId, List<PendingIntervention> pending, string epoch)
    {
        var n = pending.Count;
        var keys = new RedisKey[n + 1];
        var values = new KeyValuePair<RedisKey, RedisValue>[n];
        var arguments = new RedisValue[1 + (5 * n)];
        keys[0] = context.Keys.Version(userId);
        arguments[0] = epoch;
        for (var k = 0; k < n; k++)
        {
            var p = pending[k];
            keys[k + 1] = context.Keys.Intervention(userId, p.Id);
            values[k] = new KeyValuePair<RedisKey, RedisValue>(keys[k + 1], p.Value);
            arguments[1 + k] = p.TtlMilliseconds;
            arguments[1 + n + (2 * k)] = p.CreatedScore;
            arguments[2 + n + (2 * k)] = p.Id;
            arguments[1 + (3 * n) + (2 * k)] = p.ExpiresScore;
            arguments[2 + (3 * n) + (2 * k)] = "i:" + p.Id;
        }

        var transaction = context.Db.CreateTransaction();
        var load = transaction.ExecuteAsync("SCRIPT", "LOAD", RedisScripts.Record);
        var written = transaction.StringSetAsync(values, When.NotExists);
        var indexed = transaction.ScriptEvaluateAsync(RedisScripts.RecordHash, keys, arguments);
        try
        {
            await transaction.ExecuteAsync().ConfigureAwait(false);
            await load.ConfigureAwait(false);
            var version = (long)await indexed.ConfigureAwait(false);
            if (version > 0 && !await written.ConfigureAwait(false))
            {
                throw new InvalidOperationException($"record.lua indexed a batch of '{userId}' that MSETNX did not write.");
            }

            return version;
        }
        catch
        {
            RedisFailures.Observe(load);
            RedisFailures.Observe(written);
            RedisFailures.Observe(indexed);
            throw;
        }
    }

    private sealed record PendingIntervention(string Id, byte[] Value, long TtlMilliseconds, long CreatedScore, long ExpiresScore);
}
