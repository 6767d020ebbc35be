using Rapport.Memory;
using Rapport.Redis.Internal;
using Rapport.Redis.Outbox;
using Rapport.Redis.Resilience;
using Rapport.Storage;
using StackExchange.Redis;

namespace Rapport.Redis.Operations;

/// <summary>The store's session-reflection calls: add (queued during an outage) and list (degrading to empty).</summary>
/// <remarks>Thread-safe. Reflection ids are checked for uniqueness within the user's partition.</remarks>
internal sealed class ReflectionOperations(RedisStoreContext context, OutageBudgetPolicy budget)
{
    public Task AddAsync(SessionReflection reflection, CancellationToken cancellationToken)
    {
        MemoryRecordValidator.Validate(reflection);
        var fields = ReflectionFields.ToFields(reflection);
        return budget.WriteOrQueueAsync(
            "add_reflection",
            () => WriteAsync(fields, replay: false),
            () => [(reflection.UserId, OutboxKinds.Reflection, OutboxPayloads.Map(fields), 1)],
            cancellationToken);
    }

    public Task<IReadOnlyList<SessionReflection>> ListAsync(string userId, int limit, CancellationToken cancellationToken)
    {
        MemoryIds.ValidateUserId(userId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return budget.ReadOrDegradeAsync<IReadOnlyList<SessionReflection>>(
            "list_reflections",
            async () =>
            {
                var rows = (RedisResult[])(await context.EvalAsync(RedisScripts.List, userId, RedisInstants.Ticks(context.Now), limit, "r").ConfigureAwait(false))!;
                return [.. rows.Select(r => ReflectionFields.FromFields(FieldPairs.Read(((RedisResult[])r!)[0])))
                    .OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).Take(limit)];
            },
            [],
            cancellationToken);
    }

    /// <summary>Writes a reflection's fields to Redis (no budget); on <paramref name="replay"/> an existing id is skipped, else refused.</summary>
    public async Task WriteAsync(Dictionary<string, string> fields, bool replay)
    {
        var now = context.Now;
        var reflection = ReflectionFields.FromFields(fields);
        var result = await context.EvalVersionedAsync(
            RedisScripts.Reflection,
            reflection.UserId,
            epoch =>
            [
                epoch, replay ? "1" : "0", reflection.Id, (long)context.Ttl(reflection.ExpiresAt, now).TotalMilliseconds,
                RedisInstants.Score(reflection.CreatedAt), RedisInstants.Score(reflection.ExpiresAt), .. FieldPairs.Flatten(fields),
            ]).ConfigureAwait(false);
        if ((string?)result[0] == "exists")
        {
            throw new ArgumentException($"A reflection with id '{reflection.Id}' already exists.", nameof(fields));
        }
    }
}
