using Rapport.Memory;
using Rapport.Redis.Internal;
using Rapport.Redis.Resilience;
using Rapport.Storage;
using StackExchange.Redis;

namespace Rapport.Redis.Operations;

/// <summary>The store-wide aggregates of <see cref="IMemoryOverview"/> on Redis: every user under the prefix, one script each
/// (<c>aggregate.lua</c>), counted here with the same rules as the SQLite store.</summary>
/// <remarks>Thread-safe. Scans every primary like store-wide statistics, so an outage throws <see cref="MemoryStoreException"/>;
/// nothing is cached (every instance of a fleet writes, so a cache would need a store-wide change mark).</remarks>
internal sealed class StoreAggregates(RedisStoreContext context, OutageBudgetPolicy budget, StoreMaintenance maintenance)
{
    private const int UsersAtOnce = 64;

    public Task<MemoryOverview> GetOverviewAsync(DateTimeOffset since, double lowQualityBelow, CancellationToken cancellationToken) =>
        budget.MaintainAsync("overview", async () =>
        {
            var builder = new MemoryOverviewBuilder(since, lowQualityBelow);
            await foreach (var (_, interventions) in ReadAsync(null, withOutcomeKeys: false, cancellationToken).ConfigureAwait(false))
            {
                foreach (var i in interventions)
                {
                    builder.Add(i.CreatedTicks, i.Kind, i.Outcome, i.Quality);
                }
            }

            return builder.Build();
        }, cancellationToken);

    public Task<IReadOnlyList<Storage.UserSummary>> ListUsersAsync(string? prefix, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 10_000);
        return budget.MaintainAsync<IReadOnlyList<Storage.UserSummary>>("list_users", async () =>
        {
            var users = new List<Storage.UserSummary>();
            await foreach (var (user, interventions) in ReadAsync(prefix, withOutcomeKeys: false, cancellationToken).ConfigureAwait(false))
            {
                if (interventions.Count > 0)
                {
                    users.Add(new Storage.UserSummary(user, interventions.Count, interventions.Count(i => i.Outcome == InterventionOutcome.Helped),
                        interventions.Count(i => i.Outcome == InterventionOutcome.NotHelped),
                        new DateTimeOffset(interventions.Max(i => i.CreatedTicks), TimeSpan.Zero)));
                }
            }

            // As the SQLite store orders them: most recently active first, then by id (ordinal).
            return [.. users.OrderByDescending(u => u.LastActivity).ThenBy(u => u.UserId, StringComparer.Ordinal).Take(limit)];
        }, cancellationToken);
    }

    public Task<IReadOnlyList<SessionIndexRate>> GetSessionCurveAsync(int maxSessions, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSessions, 1);
        return budget.MaintainAsync<IReadOnlyList<SessionIndexRate>>("session_curve", async () =>
        {
            var totals = new (long Users, long Helped, long NotHelped)[maxSessions];
            await foreach (var (_, interventions) in ReadAsync(null, withOutcomeKeys: false, cancellationToken).ConfigureAwait(false))
            {
                // A user's sessions by their first intervention, then by id when two start at the same tick (as in SQLite).
                var sessions = interventions.Where(i => i.Session is not null).GroupBy(i => i.Session!, StringComparer.Ordinal)
                    .Select(g => (Id: g.Key, Started: g.Min(i => i.CreatedTicks), Helped: g.Count(i => i.Outcome == InterventionOutcome.Helped),
                        NotHelped: g.Count(i => i.Outcome == InterventionOutcome.NotHelped)))
                    .OrderBy(s => s.Started).ThenBy(s => s.Id, StringComparer.Ordinal).Take(maxSessions);
                var index = 0;
                foreach (var s in sessions)
                {
                    var t = totals[index++];
                    totals[index - 1] = (t.Users + 1, t.Helped + s.Helped, t.NotHelped + s.NotHelped);
                }
            }

            return [.. totals.TakeWhile(t => t.Users > 0).Select((t, i) => new SessionIndexRate(i + 1, t.Users, t.Helped, t.NotHelped))];
        }, cancellationToken);
    }

    /// <summary>Each user's live interventions (those whose id starts with <paramref name="prefix"/>), a batch of users at a time.</summary>
    /// <param name="prefix">The start of the user ids to read, or <see langword="null"/> for every user under the key prefix.</param>
    /// <param name="withOutcomeKeys">Also read each intervention's id and, when its outcome is known, its embedding model
    /// (<see cref="PopulationReads"/> picks the most recent outcomes by them).</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    /// <remarks>Only one batch of users' rows is held at a time, so a caller that reduces them as they come holds no more.</remarks>
    internal async IAsyncEnumerable<(string User, List<AggregateRow> Interventions)> ReadAsync(
        string? prefix, bool withOutcomeKeys, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var users = await maintenance.UsersAsync().ConfigureAwait(false);
        foreach (var chunk in users.Where(u => string.IsNullOrEmpty(prefix) || u.StartsWith(prefix, StringComparison.Ordinal)).Chunk(UsersAtOnce))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = await Task.WhenAll(chunk.Select(user => ReadUserAsync(user, withOutcomeKeys))).ConfigureAwait(false);
            for (var i = 0; i < chunk.Length; i++)
            {
                yield return (chunk[i], read[i]);
            }
        }
    }

    private async Task<List<AggregateRow>> ReadUserAsync(string userId, bool withOutcomeKeys)
    {
        var now = context.Now;
        var parts = (RedisResult[])(await context.EvalAsync(
            RedisScripts.Aggregate, userId, RedisInstants.Ticks(now), RedisInstants.Score(now), InterventionValue.SummaryPrefixLength - 1,
            withOutcomeKeys ? "1" : "0").ConfigureAwait(false))!;
        var stride = withOutcomeKeys ? 4 : 2;
        var rows = new List<AggregateRow>(parts.Length / stride);
        for (var i = 0; i + stride - 1 < parts.Length; i += stride)
        {
            var (kind, outcome, created, quality) = InterventionValue.DecodeAggregate((byte[])parts[i]!);
            var session = (string?)parts[i + 1];
            var model = withOutcomeKeys ? (string?)parts[i + 3] : null;
            rows.Add(new AggregateRow(
                kind, outcome, created, quality, string.IsNullOrEmpty(session) ? null : session,
                withOutcomeKeys ? (string?)parts[i + 2] : null, string.IsNullOrEmpty(model) ? null : model));
        }

        return rows;
    }
}
