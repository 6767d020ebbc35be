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
    public Task<UserProfile> GetProfileAsync(string userId, CancellationToken cancellationToken = default)
    {
        MemoryIds.ValidateUserId(userId);
        return ReadOrDegradeAsync(
            "get_profile",
            async () => ToProfile(userId, await SummaryAsync(userId).ConfigureAwait(false)),
            new UserProfile { UserId = userId },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Queued in the outbox during an outage.</remarks>
    public Task SaveProfileAsync(UserProfile profile, CancellationToken cancellationToken = default)
    {
        MemoryRecordValidator.Validate(profile);
        var fields = ProfileFields.ToFields(profile, profile.UpdatedAt ?? Now);
        return WriteOrQueueAsync(
            "save_profile",
            () => WriteProfileAsync(fields),
            () => [(profile.UserId, OutboxKinds.Profile, OutboxPayloads.Map(fields), 1)],
            cancellationToken);
    }

    private Task<RedisResult> WriteProfileAsync(Dictionary<string, string> fields)
    {
        var profile = ProfileFields.FromFields(fields);
        var ttl = (long)Ttl(profile.ExpiresAt!.Value, Now).TotalMilliseconds;
        return EvalVersionedAsync(
            RedisScripts.Profile,
            profile.UserId,
            epoch => [epoch, ttl, RedisInstants.Score(profile.ExpiresAt!.Value), .. Flatten(fields)]);
    }

    /// <summary>What is live for a user: intervention tuples (kind, outcome, created, outcome-at), reflection times, profile fields.</summary>
    private async Task<UserSummary> SummaryAsync(string userId)
    {
        var now = Now;
        var parts = (RedisResult[])(await EvalAsync(
            RedisScripts.Summary, userId, RedisInstants.Ticks(now), RedisInstants.Score(now), InterventionValue.SummaryPrefixLength - 1).ConfigureAwait(false))!;
        var interventions = ((RedisResult[])parts[0]!).Select(r =>
        {
            var (kind, outcome, created, outcomeAt) = InterventionValue.DecodeSummary((byte[])r!);
            return new LiveIntervention(kind, outcome, created, outcomeAt);
        }).ToList();
        var reflections = ((RedisResult[])parts[1]!).Select(r => RedisInstants.Parse((string)r!)).ToList();
        var profile = (RedisResult[])parts[2]!;
        return new UserSummary(interventions, reflections, profile.Length == 4 ? profile : null);
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

    private sealed record LiveIntervention(string Kind, InterventionOutcome Outcome, DateTimeOffset CreatedAt, DateTimeOffset? OutcomeAt);

    private sealed record UserSummary(List<LiveIntervention> Interventions, List<DateTimeOffset> Reflections, RedisResult[]? Profile);
}
