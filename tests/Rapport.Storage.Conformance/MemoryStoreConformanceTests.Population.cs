using Rapport.Learning;
using Rapport.Memory;

namespace Rapport.Storage.Conformance;

/// <summary>What population learning reads (<see cref="IPopulationStatistics"/>, <see cref="ISituationOutcomeSource"/>), for stores that
/// offer it: counts and outcomes of the live records only (never a forgotten or expired user's), the most recent outcomes first
/// within the limit, users numbered not named, and once bound to an embedder only its vectors.</summary>
public abstract partial class MemoryStoreConformanceTests
{
    private static readonly string[] PopulationKinds = ["breathing", "reframe", "break"];

    /// <summary>Gets whether the store offers population learning; a store that does not overrides this, and the tests skip.</summary>
    /// <remarks>A store that says it does but whose capability is not found through <see cref="IMemoryStore.GetService"/> fails.</remarks>
    protected virtual bool OffersPopulationLearning => true;

    [Fact]
    public async Task KindOutcomes_MatchAPlainCountOfTheLiveRecords()
    {
        var store = await OpenStoreAsync();
        var statistics = Capability<IPopulationStatistics>(store);
        var records = SeedPopulationRecords(new Random(7));
        await store.RecordAsync(records, TestContext.Current.CancellationToken);
        Time.Advance(TimeSpan.FromDays(3));

        Assert.Contains(records, r => r.ExpiresAt <= Time.GetUtcNow());
        Assert.Equal(PlainKindCounts(records), Sorted(await statistics.GetKindOutcomesAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task KindOutcomes_FollowOutcomesForgetAndExpiry()
    {
        var store = await OpenStoreAsync();
        var statistics = Capability<IPopulationStatistics>(await OpenStoreAsync());
        var records = SeedPopulationRecords(new Random(9));
        await store.RecordAsync(records, TestContext.Current.CancellationToken);

        var unknown = records.First(r => r.Outcome == InterventionOutcome.Unknown && r.ExpiresAt > Time.GetUtcNow().AddDays(5));
        await store.SetOutcomeAsync(unknown.Id, InterventionOutcome.Helped, null, TestContext.Current.CancellationToken);
        records = [.. records.Select(r => r.Id == unknown.Id ? r with { Outcome = InterventionOutcome.Helped } : r)];
        Assert.Equal(PlainKindCounts(records), Sorted(await statistics.GetKindOutcomesAsync(TestContext.Current.CancellationToken)));

        await store.ForgetUserAsync("pop-u2", TestContext.Current.CancellationToken);
        records = [.. records.Where(r => r.UserId != "pop-u2")];
        Assert.Equal(PlainKindCounts(records), Sorted(await statistics.GetKindOutcomesAsync(TestContext.Current.CancellationToken)));

        Time.Advance(TimeSpan.FromDays(45));
        Assert.Empty(await statistics.GetKindOutcomesAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SituationOutcomes_LiveKnownOutcomes_NewestFirstWithUsersNumbered()
    {
        var store = await OpenStoreAsync();
        var source = Capability<ISituationOutcomeSource>(await OpenStoreAsync());
        var now = Time.GetUtcNow();
        var late = Make("ben", Marker(6), "break", createdAt: now.AddMinutes(-1));
        await store.RecordAsync(
        [
            Make("ana", Marker(1), "breathing", outcome: InterventionOutcome.Helped, createdAt: now.AddMinutes(-10)),
            Make("ben", Marker(2), "reframe", outcome: InterventionOutcome.NotHelped, createdAt: now.AddMinutes(-9)),
            Make("ana", Marker(3), "break", outcome: InterventionOutcome.NotHelped, createdAt: now.AddMinutes(-8)),
            Make("ana", Marker(4), "break", createdAt: now.AddMinutes(-7)),
            Make("cy", Marker(5), "break", outcome: InterventionOutcome.Helped, createdAt: now.AddMinutes(-6)) with { ExpiresAt = now.AddHours(12) },
            late,
        ], TestContext.Current.CancellationToken);
        await store.SetOutcomeAsync(late.Id, InterventionOutcome.Helped, null, TestContext.Current.CancellationToken);
        Time.Advance(TimeSpan.FromDays(1));

        var outcomes = await source.GetSituationOutcomesAsync(limit: 10, TestContext.Current.CancellationToken);

        // cy's outcome expired, ana's fourth has none; ben's last got one after it was recorded.
        Assert.Equal([6f, 3f, 2f, 1f], outcomes.Select(o => o.Situation.Span[0]));
        Assert.Equal(["break", "break", "reframe", "breathing"], outcomes.Select(o => o.Kind));
        Assert.Equal([true, false, false, true], outcomes.Select(o => o.Helped));
        Assert.All(outcomes, o => Assert.Equal(8, o.Situation.Length));
        Assert.Equal([0, 1, 0, 1], outcomes.Select(o => o.User));
        Assert.Equal([6f], (await source.GetSituationOutcomesAsync(limit: 1, TestContext.Current.CancellationToken)).Select(o => o.Situation.Span[0]));
        Assert.Empty(await source.GetSituationOutcomesAsync(limit: 0, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SituationOutcomes_ManyUsers_TheLimitKeepsTheMostRecentAndNumbersEachUserOnce()
    {
        var store = await OpenStoreAsync();
        var source = Capability<ISituationOutcomeSource>(store);
        var records = SeedPopulationRecords(new Random(11));
        await store.RecordAsync(records, TestContext.Current.CancellationToken);
        Time.Advance(TimeSpan.FromDays(3));
        var now = Time.GetUtcNow();
        var expected = records.Where(r => r.ExpiresAt > now && r.Outcome != InterventionOutcome.Unknown).OrderByDescending(r => r.CreatedAt).ToList();
        Assert.True(expected.Count > 20, $"only {expected.Count} live outcomes seeded");

        foreach (var limit in new[] { 1, 17, expected.Count, expected.Count + 5 })
        {
            var outcomes = await source.GetSituationOutcomesAsync(limit, TestContext.Current.CancellationToken);

            var wanted = expected.Take(limit).ToList();
            Assert.Equal(wanted.Select(r => r.Embedding.Span[0]), outcomes.Select(o => o.Situation.Span[0]));
            Assert.Equal(wanted.Select(r => (r.Kind, r.Outcome == InterventionOutcome.Helped)), outcomes.Select(o => (o.Kind, o.Helped)));
            // One number per user and one user per number, given in the order users first appear.
            var numbers = wanted.Select(r => r.UserId).Distinct().Select((user, number) => (user, number)).ToDictionary(p => p.user, p => p.number);
            Assert.Equal(wanted.Select(r => numbers[r.UserId]), outcomes.Select(o => o.User));
        }
    }

    [Fact]
    public async Task SituationOutcomes_ForgottenAndExpiredUsers_AreGone()
    {
        var store = await OpenStoreAsync();
        var source = Capability<ISituationOutcomeSource>(await OpenStoreAsync());
        var now = Time.GetUtcNow();
        await store.RecordAsync(
        [
            Make("ana", Marker(1), outcome: InterventionOutcome.Helped, createdAt: now.AddMinutes(-3)),
            Make("ana:b", Marker(2), outcome: InterventionOutcome.Helped, createdAt: now.AddMinutes(-2)),
            Make("ben", Marker(3), outcome: InterventionOutcome.NotHelped, createdAt: now.AddMinutes(-1)) with { ExpiresAt = now.AddDays(2) },
        ], TestContext.Current.CancellationToken);
        Assert.Equal(3, (await source.GetSituationOutcomesAsync(10, TestContext.Current.CancellationToken)).Count);

        await store.ForgetUserAsync("ana", TestContext.Current.CancellationToken);
        Assert.Equal([3f, 2f], (await source.GetSituationOutcomesAsync(10, TestContext.Current.CancellationToken)).Select(o => o.Situation.Span[0]));

        Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal([2f], (await source.GetSituationOutcomesAsync(10, TestContext.Current.CancellationToken)).Select(o => o.Situation.Span[0]));
    }

    [Fact]
    public async Task SituationOutcomes_BoundEmbedder_SkipsVectorsOfAnotherEmbedder()
    {
        var store = await OpenStoreAsync();
        var source = Capability<ISituationOutcomeSource>(store);
        var now = Time.GetUtcNow();
        await store.RecordAsync(
        [
            Make("ana", Marker(1), outcome: InterventionOutcome.Helped, createdAt: now.AddMinutes(-2)),
            Make("ana", Marker(2), outcome: InterventionOutcome.Helped, createdAt: now.AddMinutes(-1), model: "older"),
            Make("ben", Marker(3), outcome: InterventionOutcome.NotHelped, createdAt: now, model: "older"),
        ], TestContext.Current.CancellationToken);
        Assert.Equal(3, (await source.GetSituationOutcomesAsync(10, TestContext.Current.CancellationToken)).Count);

        await store.BindEmbedderAsync("test-model", cancellationToken: TestContext.Current.CancellationToken);

        // The limit counts only the bound embedder's outcomes: the newer ones of another embedder take no place.
        Assert.Equal([1f], (await source.GetSituationOutcomesAsync(1, TestContext.Current.CancellationToken)).Select(o => o.Situation.Span[0]));
        Assert.Equal([1f], (await source.GetSituationOutcomesAsync(10, TestContext.Current.CancellationToken)).Select(o => o.Situation.Span[0]));
    }

    private T Capability<T>(IMemoryStore store)
        where T : class
    {
        if (!OffersPopulationLearning)
        {
            Assert.Skip($"{store.Description} does not offer population learning ({typeof(T).Name}).");
        }

        return store.GetService(typeof(T)) as T
            ?? throw new InvalidOperationException($"{store.Description} offers no {typeof(T).Name}; override OffersPopulationLearning to skip these tests.");
    }

    // A vector along the last of 8 axes whose first component tells the records apart.
    private static float[] Marker(float marker)
    {
        var v = new float[8];
        v[0] = marker;
        v[7] = 1f;
        return v;
    }

    // 6 users, each record created at its own minute (so "most recent" has one answer), a third without an outcome, some expiring
    // within 3 days and the rest within 40; each vector's first component is its record's number.
    private List<Intervention> SeedPopulationRecords(Random random)
    {
        var now = Time.GetUtcNow();
        var minutes = Enumerable.Range(1, 30 * 24 * 60).OrderBy(_ => random.Next()).Take(90).ToArray();
        var records = new List<Intervention>();
        for (var u = 1; u <= 6; u++)
        {
            for (var k = 0; k < 9 + u; k++)
            {
                var created = now - TimeSpan.FromMinutes(minutes[records.Count]);
                records.Add(Make($"pop-u{u}", Marker(records.Count + 1), PopulationKinds[random.Next(PopulationKinds.Length)],
                    outcome: (InterventionOutcome)random.Next(3), createdAt: created) with
                {
                    ExpiresAt = now + TimeSpan.FromMinutes(random.Next(4) == 0 ? random.Next(60, 3 * 24 * 60) : random.Next(4 * 24 * 60, 40 * 24 * 60)),
                });
            }
        }

        return records;
    }

    private List<(string, KindOutcomeCounts)> PlainKindCounts(IEnumerable<Intervention> records)
    {
        var now = Time.GetUtcNow();
        return [.. records.Where(r => r.ExpiresAt > now).GroupBy(r => r.Kind).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, new KindOutcomeCounts(g.Count(), Count(g, InterventionOutcome.Helped), Count(g, InterventionOutcome.NotHelped))))];
    }

    private static List<(string, KindOutcomeCounts)> Sorted(IReadOnlyDictionary<string, KindOutcomeCounts> counts) =>
        [.. counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, c.Value))];
}
