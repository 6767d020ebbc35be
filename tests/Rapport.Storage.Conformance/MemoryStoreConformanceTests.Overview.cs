using Rapport.Memory;

namespace Rapport.Storage.Conformance;

/// <summary>The store-wide aggregates (<see cref="IMemoryOverview"/>), for stores that offer them: the same figures as a plain count of
/// the live records, before and after writes, a forget and an expiry (so a store that keeps its aggregates never shows stale ones).</summary>
public abstract partial class MemoryStoreConformanceTests
{
    private static readonly string[] OverviewKinds = ["breathing", "reframe", "break"];

    [Fact]
    public async Task Overview_MatchesAPlainCountOfTheLiveRecords()
    {
        var (store, overview) = await OverviewStoreAsync();
        var seeded = SeedOverviewRecords(new Random(3));
        await store.RecordAsync(seeded, TestContext.Current.CancellationToken);
        Time.Advance(TimeSpan.FromDays(2));

        await AssertOverviewAsync(overview, store, seeded);
    }

    [Fact]
    public async Task Overview_FollowsOutcomesForgetAndExpiry()
    {
        var (store, overview) = await OverviewStoreAsync();
        var records = SeedOverviewRecords(new Random(5));
        await store.RecordAsync(records, TestContext.Current.CancellationToken);
        await AssertOverviewAsync(overview, store, records);

        // An outcome reported: read again at once (a store that keeps aggregates must see the change).
        var changed = records.First(r => r.Outcome != InterventionOutcome.Helped && r.SessionId is not null);
        await store.SetOutcomeAsync(changed.Id, InterventionOutcome.Helped, null, TestContext.Current.CancellationToken);
        records = [.. records.Select(r => r.Id == changed.Id ? r with { Outcome = InterventionOutcome.Helped } : r)];
        await AssertOverviewAsync(overview, store, records);

        await store.ForgetUserAsync("ov-u2", TestContext.Current.CancellationToken);
        records = [.. records.Where(r => r.UserId != "ov-u2")];
        await AssertOverviewAsync(overview, store, records);

        // The first live record's expiry passes, with no write at all.
        var first = records.Min(r => r.ExpiresAt);
        Time.SetUtcNow(first + TimeSpan.FromSeconds(1));
        Assert.Contains(records, r => r.ExpiresAt <= Time.GetUtcNow());
        await AssertOverviewAsync(overview, store, records);
    }

    private async Task<(IMemoryStore Store, IMemoryOverview Overview)> OverviewStoreAsync()
    {
        var store = await OpenStoreAsync();
        return store.GetService(typeof(IMemoryOverview)) is IMemoryOverview overview
            ? (store, overview)
            : throw new InvalidOperationException($"{store.Description} offers no IMemoryOverview; override the overview tests to skip them.");
    }

    // 6 users, sessions in time order with some interventions outside any session, a third of them unscored, every one
    // live now and expiring over the next 40 days.
    private List<Intervention> SeedOverviewRecords(Random random)
    {
        var now = Time.GetUtcNow();
        var records = new List<Intervention>();
        for (var u = 1; u <= 6; u++)
        {
            for (var k = 0; k < 10 + u; k++)
            {
                var created = now - TimeSpan.FromMinutes(random.Next(1, 30 * 24 * 60));
                records.Add(Make($"ov-u{u}", Axis(k), OverviewKinds[random.Next(OverviewKinds.Length)], outcome: (InterventionOutcome)random.Next(3),
                    quality: random.Next(3) == 0 ? null : Math.Round(random.NextDouble(), 3), createdAt: created) with
                {
                    SessionId = random.Next(5) == 0 ? null : $"s{random.Next(4)}",
                    ExpiresAt = now + TimeSpan.FromMinutes(random.Next(60, 40 * 24 * 60)),
                });
            }
        }

        return records;
    }

    private async Task AssertOverviewAsync(IMemoryOverview overview, IMemoryStore store, IReadOnlyList<Intervention> records)
    {
        var now = Time.GetUtcNow();
        var live = records.Where(r => r.ExpiresAt > now).ToList();
        var since = now - TimeSpan.FromDays(14);
        const double Low = 0.4;
        var ct = TestContext.Current.CancellationToken;

        var actual = await overview.GetOverviewAsync(since, Low, ct);
        var scored = live.Where(r => r.Quality is not null).ToList();
        Assert.Equal(
            live.Where(r => r.CreatedAt >= since).GroupBy(r => DateOnly.FromDateTime(r.CreatedAt.UtcDateTime)).OrderBy(g => g.Key)
                .Select(g => (g.Key, g.Count(), Count(g, InterventionOutcome.Helped), Count(g, InterventionOutcome.NotHelped),
                    g.Any(r => r.Quality is not null) ? Math.Round(g.Where(r => r.Quality is not null).Average(r => r.Quality!.Value), 9) : (double?)null)),
            actual.Days.Select(d => (d.Day, (int)d.Recorded, (int)d.Helped, (int)d.NotHelped, d.MeanQuality is { } q ? Math.Round(q, 9) : (double?)null)));
        Assert.Equal(
            live.GroupBy(r => r.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, new KindOutcomeCounts(g.Count(), Count(g, InterventionOutcome.Helped), Count(g, InterventionOutcome.NotHelped)))),
            actual.Kinds.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => (k.Key, k.Value)));
        Assert.Equal(Enumerable.Range(0, MemoryOverview.QualityBuckets).Select(b => (long)scored.Count(r => Math.Min((int)(r.Quality!.Value * 10), 9) == b)), actual.QualityHistogram);
        Assert.Equal(live.Count - scored.Count, actual.Unscored);
        Assert.Equal(scored.Count(r => r.Quality < Low), actual.LowQuality);

        var users = live.GroupBy(r => r.UserId)
            .Select(g => new UserSummary(g.Key, g.Count(), Count(g, InterventionOutcome.Helped), Count(g, InterventionOutcome.NotHelped), g.Max(r => r.CreatedAt)))
            .OrderByDescending(u => u.LastActivity).ThenBy(u => u.UserId, StringComparer.Ordinal).ToList();
        Assert.Equal(users, await overview.ListUsersAsync(null, 100, ct));
        Assert.Equal(users.Take(2), await overview.ListUsersAsync(null, 2, ct));
        Assert.Equal(users.Where(u => u.UserId.StartsWith("ov-u1", StringComparison.Ordinal)), await overview.ListUsersAsync("ov-u1", 100, ct));

        const int MaxSessions = 3;
        var curve = live.Where(r => r.SessionId is not null).GroupBy(r => r.UserId)
            .SelectMany(u => u.GroupBy(r => r.SessionId!).OrderBy(s => s.Min(r => r.CreatedAt)).ThenBy(s => s.Key, StringComparer.Ordinal)
                .Select((s, i) => (Index: i + 1, Helped: Count(s, InterventionOutcome.Helped), NotHelped: Count(s, InterventionOutcome.NotHelped))))
            .Where(s => s.Index <= MaxSessions).GroupBy(s => s.Index).OrderBy(g => g.Key)
            .Select(g => new SessionIndexRate(g.Key, g.Count(), g.Sum(s => s.Helped), g.Sum(s => s.NotHelped)));
        Assert.Equal(curve, await overview.GetSessionCurveAsync(MaxSessions, ct));

        var stats = await store.GetStatsAsync(null, ct);
        Assert.Equal(live.Count, stats.Interventions);
        Assert.Equal(Count(live, InterventionOutcome.Helped), stats.Helped);
    }

    private static int Count(IEnumerable<Intervention> records, InterventionOutcome outcome) => records.Count(r => r.Outcome == outcome);
}
