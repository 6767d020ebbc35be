using Rapport.Memory;
using Rapport.Redis.Internal;
using Rapport.Redis.Outbox;
using Rapport.Redis.Resilience;
using Rapport.Storage;
using StackExchange.Redis;

namespace Rapport.Redis.Operations;

/// <summary>The store's profile calls: the stored fields plus what the user's live records say (kind outcomes, last activity).</summary>
/// <remarks>Thread-safe. A save during an outage is queued in the outbox; a read degrades to an empty profile.</remarks>
internal sealed class ProfileOperations(RedisStoreContext context, OutageBudgetPolicy budget)
{
    public Task<UserProfile> GetAsync(string userId, CancellationToken cancellationToken)
    {
        MemoryIds.ValidateUserId(userId);
        return budget.ReadOrDegradeAsync(
            "get_profile",
            async () => ToProfile(userId, await UserSummary.ReadAsync(context, userId).ConfigureAwait(false)),
            new UserProfile { UserId = userId },
            cancellationToken);
    }

    public Task SaveAsync(UserProfile profile, CancellationToken cancellationToken)
    {
        MemoryRecordValidator.Validate(profile);
        var fields = ProfileFields.ToFields(profile, profile.UpdatedAt ?? context.Now);
        return budget.WriteOrQueueAsync(
            "save_profile",
            () => WriteAsync(fields),
            () => [(profile.UserId, OutboxKinds.Profile, OutboxPayloads.Map(fields), 1)],
            cancellationToken);
    }

    /// <summary>Writes a profile's fields to Redis (no budget).</summary>
    public Task<RedisResult> WriteAsync(Dictionary<string, string> fields)
    {
        var profile = ProfileFields.FromFields(fields);
        var ttl = (long)context.Ttl(profile.ExpiresAt!.Value, context.Now).TotalMilliseconds;
        return context.EvalVersionedAsync(
            RedisScripts.Profile,
            profile.UserId,
            epoch => [epoch, ttl, RedisInstants.Score(profile.ExpiresAt!.Value), .. FieldPairs.Flatten(fields)]);
    }

    private static UserProfile ToProfile(string userId, UserSummary summary)
    {
        var profile = new UserProfile { UserId = userId };
        DateTimeOffset? last = null;
        if (summary.Profile is { } stored)
        {
            var updated = RedisInstants.Parse((string)stored[3]!);
            profile = profile with
            {
                Preferences = RedisJson.ReadMap((string?)stored[1]),
                Facts = RedisJson.ReadList((string?)stored[2]),
                UpdatedAt = updated,
                ExpiresAt = RedisInstants.Parse((string)stored[0]!),
            };
            last = updated;
        }

        var kinds = new SortedDictionary<string, KindOutcomeCounts>(StringComparer.Ordinal);
        foreach (var i in summary.Interventions)
        {
            var counts = kinds.GetValueOrDefault(i.Kind);
            kinds[i.Kind] = new KindOutcomeCounts(
                counts.Total + 1,
                counts.Helped + (i.Outcome == InterventionOutcome.Helped ? 1 : 0),
                counts.NotHelped + (i.Outcome == InterventionOutcome.NotHelped ? 1 : 0));
            last = Max(last, i.OutcomeAt is { } at && at > i.CreatedAt ? at : i.CreatedAt);
        }

        foreach (var created in summary.Reflections)
        {
            last = Max(last, created);
        }

        return profile with { KindOutcomes = new Dictionary<string, KindOutcomeCounts>(kinds, StringComparer.Ordinal), LastActivity = last };
    }

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x >= b ? x : b;
}
