using Rapport.Memory;
using Rapport.Redis.Internal;
using Rapport.Redis.Outbox;
using Rapport.Redis.Resilience;
using Rapport.Storage;
using StackExchange.Redis;

namespace Rapport.Redis.Operations;

/// <summary>The store's intervention calls: record (through <see cref="InterventionWriter"/>), outcome, get and list, within the outage budget.</summary>
/// <remarks>Thread-safe. Input is validated before any I/O.</remarks>
internal sealed class InterventionOperations(RedisStoreContext context, InterventionWriter writer, OutageBudgetPolicy budget)
{
    public Task RecordAsync(IReadOnlyList<Intervention> interventions, CancellationToken cancellationToken)
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

        return budget.WriteOrQueueAsync(
            "record",
            () => writer.WriteAsync(interventions, replay: false),
            () => [.. interventions.GroupBy(i => i.UserId, StringComparer.Ordinal)
                .Select(g => (g.Key, OutboxKinds.Interventions, OutboxPayloads.Interventions(g), g.Count()))],
            cancellationToken);
    }

    public async Task<Intervention?> SetOutcomeAsync(string id, InterventionOutcome outcome, int? rating, CancellationToken cancellationToken)
    {
        MemoryRecordValidator.ValidateOutcomeUpdate(id, outcome, rating);
        var at = context.Now;
        Intervention? updated = null;
        await budget.WriteOrQueueAsync(
            "set_outcome",
            async () => updated = await WriteOutcomeAsync(id, outcome, rating, at).ConfigureAwait(false),
            () => [("", OutboxKinds.Outcome, OutboxPayloads.Outcome(id, outcome, rating, at), 0)],
            cancellationToken).ConfigureAwait(false);
        return updated;
    }

    public Task<Intervention?> GetAsync(string id, CancellationToken cancellationToken)
    {
        MemoryIds.ValidateRecordId(id);
        return budget.ReadOrDegradeAsync<Intervention?>(
            "get",
            async () =>
            {
                var owner = await context.Db.StringGetAsync(context.Keys.RecordOwner(id)).ConfigureAwait(false);
                if (owner.IsNull)
                {
                    return null;
                }

                var pairs = (RedisResult[])(await context.EvalAsync(RedisScripts.Read, owner!, RedisInstants.Ticks(context.Now), id).ConfigureAwait(false))!;
                return pairs.Length == 2 ? InterventionValue.Decode(id, owner!, (byte[])pairs[1]!) : null;
            },
            null,
            cancellationToken);
    }

    public Task<IReadOnlyList<Intervention>> ListAsync(string userId, int limit, CancellationToken cancellationToken)
    {
        MemoryIds.ValidateUserId(userId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return budget.ReadOrDegradeAsync<IReadOnlyList<Intervention>>(
            "list",
            async () =>
            {
                var rows = (RedisResult[])(await context.EvalAsync(RedisScripts.List, userId, RedisInstants.Ticks(context.Now), limit, "i").ConfigureAwait(false))!;
                return [.. rows.Select(r => (RedisResult[])r!).Select(r => InterventionValue.Decode((string)r[0]!, userId, (byte[])r[1]!))
                    .OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id, StringComparer.Ordinal).Take(limit)];
            },
            [],
            cancellationToken);
    }

    /// <summary>Replays a queued batch: records that already exist are skipped.</summary>
    public Task ReplayAsync(IReadOnlyList<Intervention> interventions) => writer.WriteAsync(interventions, replay: true);

    /// <summary>Sets an outcome in Redis (no budget); <see langword="null"/> when the record does not exist.</summary>
    public async Task<Intervention?> WriteOutcomeAsync(string id, InterventionOutcome outcome, int? rating, DateTimeOffset at)
    {
        var owner = await context.Db.StringGetAsync(context.Keys.RecordOwner(id)).ConfigureAwait(false);
        if (owner.IsNull)
        {
            return null;
        }

        var result = await context.EvalAsync(
            RedisScripts.Outcome, owner!, id, InterventionValue.OutcomePatch(outcome, rating, at), RedisInstants.Ticks(context.Now)).ConfigureAwait(false);
        return result.IsNull ? null : InterventionValue.Decode(id, owner!, (byte[])result!);
    }
}
