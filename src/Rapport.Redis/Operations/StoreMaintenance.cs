using Rapport.Memory;
using Rapport.Redis.Internal;
using Rapport.Redis.Outbox;
using Rapport.Redis.Resilience;
using Rapport.Search;
using Rapport.Storage;
using StackExchange.Redis;

namespace Rapport.Redis.Operations;

/// <summary>Forget, purge and statistics: the calls that never degrade (per-user statistics aside) and may scan every primary.</summary>
/// <remarks>Thread-safe. An outage throws <see cref="MemoryStoreException"/>; a forget runs with replay held off.</remarks>
internal sealed class StoreMaintenance(
    RedisStoreContext context, OutageBudgetPolicy budget, SqliteOutbox outbox, OutboxReplayer replayer, UserVectorCache vectors)
{
    /// <summary>Removes every key of the user in one script, then the id mappings and the user's pending outbox entries.</summary>
    public Task<long> ForgetUserAsync(string userId, CancellationToken cancellationToken)
    {
        MemoryIds.ValidateUserId(userId);
        return replayer.ExclusiveAsync(
            () => budget.MaintainAsync(
                "forget",
                async () =>
                {
                    var result = (RedisResult[])(await context.EvalAsync(RedisScripts.Forget, userId).ConfigureAwait(false))!;
                    await context.RemoveOwnersAsync((RedisResult[])result[1]!).ConfigureAwait(false);
                    vectors.Invalidate(userId);
                    return (long)result[0] + outbox.RemoveUser(userId);
                },
                cancellationToken),
            cancellationToken);
    }

    /// <summary>For one user: degrades to zeros during an outage. Store-wide: scans every primary; throws during an outage.</summary>
    public Task<MemoryStats> GetStatsAsync(string? userId, CancellationToken cancellationToken)
    {
        if (userId is null)
        {
            return budget.MaintainAsync("stats", async () => Sum(null, await SummariesAsync().ConfigureAwait(false)), cancellationToken);
        }

        MemoryIds.ValidateUserId(userId);
        return budget.ReadOrDegradeAsync(
            "stats",
            async () => Sum(userId, [await UserSummary.ReadAsync(context, userId).ConfigureAwait(false)]),
            new MemoryStats { UserId = userId },
            cancellationToken);
    }

    /// <summary>Removes what the store's clock says has expired, user by user, each user in one script.</summary>
    public Task<long> PurgeExpiredAsync(CancellationToken cancellationToken) =>
        budget.MaintainAsync(
            "purge",
            async () =>
            {
                var now = context.Now;
                long removed = 0;
                foreach (var userId in await UsersAsync().ConfigureAwait(false))
                {
                    var result = (RedisResult[])(await context.EvalAsync(RedisScripts.Purge, userId, RedisInstants.Ticks(now), RedisInstants.Score(now))
                        .ConfigureAwait(false))!;
                    removed += (long)result[0];
                    await context.RemoveOwnersAsync((RedisResult[])result[1]!).ConfigureAwait(false);
                }

                return removed;
            },
            cancellationToken);

    /// <summary>The users with any key, scanning every primary; throws during an outage.</summary>
    public Task<IReadOnlyList<string>> ListUsersAsync(CancellationToken cancellationToken) =>
        budget.MaintainAsync<IReadOnlyList<string>>("list_users", async () => await UsersAsync().ConfigureAwait(false), cancellationToken);

    /// <summary>The users with any key: their version keys, found by scanning every primary (each cluster node holds its slots).</summary>
    internal async Task<List<string>> UsersAsync()
    {
        var users = new HashSet<string>(StringComparer.Ordinal);
        foreach (var server in context.Connection.GetServers().Where(s => !s.IsReplica))
        {
            if (!server.IsConnected)
            {
                throw new MemoryStoreException($"Redis at {Internal.RedisEndpoints.Describe(server.EndPoint)} is unreachable (not connected); a store-wide operation needs every primary.");
            }

            await foreach (var key in server.KeysAsync(pattern: context.Keys.VersionPattern, pageSize: 1_000).ConfigureAwait(false))
            {
                if (context.Keys.TryParseUser(key!, out var user))
                {
                    users.Add(user);
                }
            }
        }

        return [.. users.Order(StringComparer.Ordinal)];
    }

    private async Task<List<UserSummary>> SummariesAsync()
    {
        var summaries = new List<UserSummary>();
        foreach (var chunk in (await UsersAsync().ConfigureAwait(false)).Chunk(64))
        {
            summaries.AddRange(await Task.WhenAll(chunk.Select(user => UserSummary.ReadAsync(context, user))).ConfigureAwait(false));
        }

        return summaries;
    }

    private static MemoryStats Sum(string? userId, IEnumerable<UserSummary> summaries)
    {
        long users = 0, interventions = 0, helped = 0, notHelped = 0, reflections = 0, profiles = 0;
        foreach (var s in summaries)
        {
            users += s.Interventions.Count + s.Reflections.Count > 0 || s.Profile is not null ? 1 : 0;
            interventions += s.Interventions.Count;
            helped += s.Interventions.Count(i => i.Outcome == InterventionOutcome.Helped);
            notHelped += s.Interventions.Count(i => i.Outcome == InterventionOutcome.NotHelped);
            reflections += s.Reflections.Count;
            profiles += s.Profile is null ? 0 : 1;
        }

        return new MemoryStats
        {
            UserId = userId, Users = users, Interventions = interventions, Helped = helped, NotHelped = notHelped,
            Reflections = reflections, Profiles = profiles,
        };
    }
}
