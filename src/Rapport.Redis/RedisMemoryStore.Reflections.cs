using Rapport.Memory;
using Rapport.Redis.Internal;
using Rapport.Redis.Outbox;
using Rapport.Storage;
using StackExchange.Redis;

namespace Rapport.Redis;

public sealed partial class RedisMemoryStore
{
    /// <inheritdoc />
    /// <remarks>Reflection ids are checked for uniqueness within the user's partition. Queued in the outbox during an outage.</remarks>
    public Task AddReflectionAsync(SessionReflection reflection, CancellationToken cancellationToken = default)
    {
        MemoryRecordValidator.Validate(reflection);
        var fields = ReflectionFields.ToFields(reflection);
        return WriteOrQueueAsync(
            "add_reflection",
            () => WriteReflectionAsync(fields, replay: false),
            () => [(reflection.UserId, OutboxKinds.Reflection, OutboxPayloads.Map(fields), 1)],
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SessionReflection>> ListReflectionsAsync(string userId, int limit = 20, CancellationToken cancellationToken = default)
    {
        MemoryIds.ValidateUserId(userId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return ReadOrDegradeAsync<IReadOnlyList<SessionReflection>>(
            "list_reflections",
            async () =>
            {
                var rows = (RedisResult[])(await EvalAsync(RedisScripts.List, userId, RedisInstants.Ticks(Now), limit, "r").ConfigureAwait(false))!;
                return [.. rows.Select(r => ReflectionFields.FromFields(Fields(((RedisResult[])r!)[0])))
                    .OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).Take(limit)];
            },
            [],
            cancellationToken);
    }

    private async Task WriteReflectionAsync(Dictionary<string, string> fields, bool replay)
    {
        var now = Now;
        var reflection = ReflectionFields.FromFields(fields);
        var result = await EvalVersionedAsync(
            RedisScripts.Reflection,
            reflection.UserId,
            epoch =>
            [
                epoch, replay ? "1" : "0", reflection.Id, (long)Ttl(reflection.ExpiresAt, now).TotalMilliseconds,
                RedisInstants.Score(reflection.CreatedAt), RedisInstants.Score(reflection.ExpiresAt), .. Flatten(fields),
            ]).ConfigureAwait(false);
        if ((string?)result[0] == "exists")
        {
            throw new ArgumentException($"A reflection with id '{reflection.Id}' already exists.", nameof(fields));
        }
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

    private static IEnumerable<RedisValue> Flatten(Dictionary<string, string> fields) =>
        fields.SelectMany(p => new RedisValue[] { p.Key, p.Value });
}
