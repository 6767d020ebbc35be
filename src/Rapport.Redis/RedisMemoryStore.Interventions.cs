using System.Globalization;
using Rapport.Memory;
using Rapport.Redis.Internal;
using Rapport.Redis.Outbox;
using Rapport.Storage;
using StackExchange.Redis;

namespace Rapport.Redis;

public sealed partial class RedisMemoryStore
{
    /// <inheritdoc />
    /// <remarks>When Redis is unreachable the batch is kept in the outbox and the call succeeds (see the class remarks).</remarks>
    public Task RecordAsync(IReadOnlyList<Intervention> interventions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interventions);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var intervention in interventions)
        {
            MemoryRecordValidator.Validate(intervention);
            if (!ids.Add(intervention.Id))
            {
                throw new ArgumentException($"The id '{intervention.Id}' appears twice in the batch.", nameof(interventions));
            }
        }

        if (interventions.Count == 0)
        {
            return Task.CompletedTask;
        }

        return WriteOrQueueAsync(
            "record",
            () => WriteInterventionsAsync(interventions, replay: false),
            () => [.. interventions.GroupBy(i => i.UserId, StringComparer.Ordinal)
                .Select(g => (g.Key, OutboxKinds.Interventions, OutboxPayloads.Interventions(g), g.Count()))],
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>When Redis is unreachable the outcome is kept in the outbox and <see langword="null"/> is returned.</remarks>
    public async Task<Intervention?> SetOutcomeAsync(string id, InterventionOutcome outcome, int? rating, CancellationToken cancellationToken = default)
    {
        MemoryRecordValidator.ValidateOutcomeUpdate(id, outcome, rating);
        var at = Now;
        Intervention? updated = null;
        await WriteOrQueueAsync(
            "set_outcome",
            async () => updated = await WriteOutcomeAsync(id, outcome, rating, at).ConfigureAwait(false),
            () => [("", OutboxKinds.Outcome, OutboxPayloads.Outcome(id, outcome, rating, at), 0)],
            cancellationToken).ConfigureAwait(false);
        return updated;
    }

    /// <inheritdoc />
    public Task<Intervention?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        MemoryIds.ValidateRecordId(id);
        return ReadOrDegradeAsync<Intervention?>(
            "get",
            async () =>
            {
                var owner = await Db.StringGetAsync(_keys.RecordOwner(id)).ConfigureAwait(false);
                return owner.IsNull ? null : (await ReadInterventionsAsync(owner!, [id]).ConfigureAwait(false)).FirstOrDefault();
            },
            null,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Intervention>> ListAsync(string userId, int limit = 100, CancellationToken cancellationToken = default)
    {
        MemoryIds.ValidateUserId(userId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return ReadOrDegradeAsync<IReadOnlyList<Intervention>>(
            "list",
            async () =>
            {
                var rows = (RedisResult[])(await EvalAsync(RedisScripts.List, userId, RedisInstants.Ticks(Now), limit, "i").ConfigureAwait(false))!;
                return [.. rows.Select(ToIntervention).OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id, StringComparer.Ordinal).Take(limit)];
            },
            [],
            cancellationToken);
    }

    private async Task WriteInterventionsAsync(IReadOnlyList<Intervention> interventions, bool replay)
    {
        var now = Now;
        await ClaimIdsAsync(interventions, now, replay).ConfigureAwait(false);
        foreach (var group in interventions.GroupBy(i => i.UserId, StringComparer.Ordinal))
        {
            var batch = group.ToList();
            var result = await EvalVersionedAsync(RedisScripts.Record, group.Key, epoch => RecordArguments(batch, epoch, replay, now))
                .ConfigureAwait(false);
            if ((string?)result[0] == "exists")
            {
                throw new ArgumentException($"An intervention with id '{(string?)result[1]}' already exists.", nameof(interventions));
            }
        }
    }

    // Ids are unique across users: each id maps to its user (P:rid:<id>, with the record's TTL). A mapping whose record
    // no longer exists is stale (expired, forgotten, or a failed batch) and is taken over.
    private async Task ClaimIdsAsync(IReadOnlyList<Intervention> interventions, DateTimeOffset now, bool replay)
    {
        var db = Db;
        var when = replay ? When.Always : When.NotExists;
        var claims = interventions
            .Select(i => db.StringSetAsync(_keys.RecordOwner(i.Id), i.UserId, Ttl(i.ExpiresAt, now), when: when))
            .ToArray();
        var claimed = await Task.WhenAll(claims).ConfigureAwait(false);
        for (var n = 0; n < interventions.Count; n++)
        {
            if (claimed[n])
            {
                continue;
            }

            var i = interventions[n];
            var owner = await db.StringGetAsync(_keys.RecordOwner(i.Id)).ConfigureAwait(false);
            if (!owner.IsNull && await db.KeyExistsAsync(_keys.Intervention(owner!, i.Id)).ConfigureAwait(false))
            {
                throw new ArgumentException($"An intervention with id '{i.Id}' already exists.", nameof(interventions));
            }

            await db.StringSetAsync(_keys.RecordOwner(i.Id), i.UserId, Ttl(i.ExpiresAt, now)).ConfigureAwait(false);
        }
    }

    private RedisValue[] RecordArguments(List<Intervention> batch, string epoch, bool replay, DateTimeOffset now)
    {
        var arguments = new List<RedisValue>(3 + batch.Count * 40) { epoch, replay ? "1" : "0", batch.Count };
        foreach (var i in batch)
        {
            var fields = InterventionFields.ToFields(i);
            arguments.Add(i.Id);
            arguments.Add((long)Ttl(i.ExpiresAt, now).TotalMilliseconds);
            arguments.Add(RedisInstants.Score(i.CreatedAt));
            arguments.Add(RedisInstants.Score(i.ExpiresAt));
            arguments.Add(VectorEntryCodec.Encode(i));
            arguments.Add(fields.Count);
            foreach (var (name, value) in fields)
            {
                arguments.Add(name);
                arguments.Add(value);
            }
        }

        return [.. arguments];
    }

    private async Task<Intervention?> WriteOutcomeAsync(string id, InterventionOutcome outcome, int? rating, DateTimeOffset at)
    {
        var owner = await Db.StringGetAsync(_keys.RecordOwner(id)).ConfigureAwait(false);
        if (owner.IsNull)
        {
            return null;
        }

        var result = await EvalAsync(
            RedisScripts.Outcome,
            owner!,
            id,
            (int)outcome,
            rating?.ToString(CultureInfo.InvariantCulture) ?? "",
            RedisInstants.Ticks(at),
            RedisInstants.Ticks(Now)).ConfigureAwait(false);
        return result.IsNull ? null : ToIntervention(result);
    }

    private async Task<List<Intervention>> ReadInterventionsAsync(string userId, IReadOnlyList<string> ids)
    {
        var arguments = new RedisValue[ids.Count + 1];
        arguments[0] = RedisInstants.Ticks(Now);
        for (var n = 0; n < ids.Count; n++)
        {
            arguments[n + 1] = ids[n];
        }

        var rows = (RedisResult[])(await EvalAsync(RedisScripts.Read, userId, arguments).ConfigureAwait(false))!;
        return [.. rows.Select(ToIntervention)];
    }

    private TimeSpan Ttl(DateTimeOffset expiresAt, DateTimeOffset now) =>
        TimeSpan.FromMilliseconds(RedisInstants.TtlMilliseconds(expiresAt, now, _options.ExpiryGrace));

    // A script row: {flat hash fields, vector entry}.
    private static Intervention ToIntervention(RedisResult row)
    {
        var parts = (RedisResult[])row!;
        var fields = Fields(parts[0]);
        var entry = (byte[]?)parts[1];
        return InterventionFields.FromFields(fields, entry is null ? [] : VectorEntryCodec.ReadVector(entry));
    }

    private static Dictionary<string, string> Fields(RedisResult flat)
    {
        var items = (RedisResult[])flat!;
        var fields = new Dictionary<string, string>(items.Length / 2, StringComparer.Ordinal);
        for (var n = 0; n + 1 < items.Length; n += 2)
        {
            fields[(string)items[n]!] = (string)items[n + 1]!;
        }

        return fields;
    }
}
