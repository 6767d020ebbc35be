using Rapport.Memory;
using Rapport.Redis.Internal;
using StackExchange.Redis;

namespace Rapport.Redis.Operations;

/// <summary>What is live for one user, read in one script: intervention tuples, reflection times and the stored profile fields.</summary>
/// <param name="Interventions">The live interventions (kind, outcome, creation and outcome times only).</param>
/// <param name="Reflections">The creation times of the live reflections.</param>
/// <param name="Profile">The stored profile's fields (expires, preferences, facts, updated), or <see langword="null"/>.</param>
internal sealed record UserSummary(List<LiveIntervention> Interventions, List<DateTimeOffset> Reflections, RedisResult[]? Profile)
{
    /// <summary>Reads the user's summary as of the store's clock (<c>summary.lua</c>).</summary>
    public static async Task<UserSummary> ReadAsync(RedisStoreContext context, string userId)
    {
        var now = context.Now;
        var parts = (RedisResult[])(await context.EvalAsync(
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
}

/// <summary>One live intervention as a summary sees it.</summary>
internal sealed record LiveIntervention(string Kind, InterventionOutcome Outcome, DateTimeOffset CreatedAt, DateTimeOffset? OutcomeAt);
