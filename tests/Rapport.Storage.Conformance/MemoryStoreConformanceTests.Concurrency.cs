using Rapport.Memory;
using Rapport.Search;
using Rapport.Storage;

namespace Rapport.Storage.Conformance;

public abstract partial class MemoryStoreConformanceTests
{
    [Fact]
    public async Task ConcurrentWriters_TwoInstances_NoLostWrite()
    {
        var first = await OpenStoreAsync();
        var second = await OpenStoreAsync();
        const int PerWriter = 150;

        var writers = new[] { first, second }.Select(
            (store, w) => Task.Run(async () =>
            {
                for (var i = 0; i < PerWriter; i++)
                {
                    await store.RecordAsync([Make(i % 2 == 0 ? "ana" : "ben", Axis(i), situation: $"writer {w} item {i}")]);
                }
            }));
        await Task.WhenAll(writers);

        Assert.Equal(2 * PerWriter, (await first.GetStatsAsync()).Interventions);
        Assert.Equal(2 * PerWriter, (await second.GetStatsAsync()).Interventions);
        Assert.Equal(PerWriter, (await first.SearchAsync(Query("ana", Axis(0), top: 1000))).Count);
    }

    [Fact]
    public async Task ConcurrentWritersOfOneInstance_WithRejectedWritesAmongThem_KeepEveryAcknowledgedWriteAndNothingOfTheRejected()
    {
        // Writes of one instance may share a transaction (SQLite commits them as a group): a rejected write among them must
        // cost only itself, and the cached snapshot must carry every acknowledged write of the shared user.
        var store = await OpenStoreAsync();
        var taken = Make("ana", Axis(0), situation: "already here");
        await store.RecordAsync([taken]);
        Assert.Single(await store.SearchAsync(Query("ana", Axis(0), top: 1000)));
        const int Writers = 48;
        var acknowledged = new System.Collections.Concurrent.ConcurrentBag<string>();
        var rejected = 0;
        var outcomes = 0;

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var fresh = Make(w % 3 == 0 ? "ben" : "ana", Axis(w % 4), situation: $"writer {w}");
            // Every fourth writer sends a batch whose second record reuses a stored id: the whole call must be refused.
            IReadOnlyList<Intervention> batch = w % 4 == 1 ? [fresh, taken with { Situation = $"dup {w}" }] : [fresh];
            try
            {
                await store.RecordAsync(batch);
                acknowledged.Add(fresh.Id);
                if (await store.SetOutcomeAsync(fresh.Id, InterventionOutcome.Helped, null) is not null)
                {
                    Interlocked.Increment(ref outcomes);
                }
            }
            catch (ArgumentException)
            {
                Interlocked.Increment(ref rejected);
            }
        })));

        Assert.Equal(Writers / 4, rejected);
        Assert.Equal(acknowledged.Count, outcomes);
        Assert.Equal(acknowledged.Count + 1, (await store.GetStatsAsync()).Interventions);
        var mine = (await store.SearchAsync(Query("ana", Axis(0), top: 1000))).Concat(await store.SearchAsync(Query("ben", Axis(0), top: 1000)))
            .Select(h => h.Intervention).ToList();
        Assert.Equal(acknowledged.Append(taken.Id).Order(StringComparer.Ordinal), mine.Select(i => i.Id).Order(StringComparer.Ordinal));
        Assert.All(mine.Where(i => i.Id != taken.Id), i => Assert.Equal(InterventionOutcome.Helped, i.Outcome));
        Assert.Equal("already here", (await store.GetAsync(taken.Id))!.Situation);
        var reader = await OpenStoreAsync();
        Assert.Equal(mine.Count(i => i.UserId == "ana"), (await reader.SearchAsync(Query("ana", Axis(0), top: 1000))).Count);
    }

    [Fact]
    public async Task WriteThroughOneInstance_IsFoundBySearchThroughAnother_Immediately()
    {
        var first = await OpenStoreAsync();
        var second = await OpenStoreAsync();
        await first.RecordAsync([Make("ana", Axis(1))]);
        Assert.Single(await second.SearchAsync(Query("ana", Axis(0))));

        var added = Make("ana", Axis(0));
        await first.RecordAsync([added]);
        var hits = await second.SearchAsync(Query("ana", Axis(0)));

        Assert.Equal(added.Id, hits[0].Intervention.Id);
        await first.SetOutcomeAsync(added.Id, InterventionOutcome.Helped, null);
        Assert.Equal([added.Id], (await second.SearchAsync(Query("ana", Axis(0)) with { Outcome = InterventionOutcome.Helped })).Select(h => h.Intervention.Id));
    }

    [Fact]
    public async Task SearchAfterOwnWrites_MatchesAFreshInstance()
    {
        // A store may carry its cached snapshot across its own writes instead of reloading it: what it then finds
        // must be what an instance that loads the user afresh finds, in every mode and with outcome filters.
        var writer = await OpenStoreAsync();
        var first = Make("ana", Axis(0, 0.2f), situation: "my exam is tomorrow", kind: "breathing") with { SessionId = "s1" };
        await writer.RecordAsync([first]);
        Assert.Single(await writer.SearchAsync(Query("ana", Axis(0))));
        var second = Make("ana", Axis(1, 0.2f), situation: "I can't sleep before the exam", kind: "reframe") with { SessionId = "s1" };
        await writer.RecordAsync([second]);
        await writer.SetOutcomeAsync(first.Id, InterventionOutcome.Helped, 5);
        await writer.SetOutcomeAsync(second.Id, InterventionOutcome.NotHelped, null);
        await writer.SaveProfileAsync(new UserProfile { UserId = "ana", Facts = ["likes tea"], UpdatedAt = Time.GetUtcNow(), ExpiresAt = Time.GetUtcNow().AddDays(30) });
        var third = Make("ana", Axis(0, 0.5f), situation: "exam nerves again", kind: "grounding") with { SessionId = "s2" };
        await writer.RecordAsync([third]);

        var reader = await OpenStoreAsync();
        foreach (var mode in new[] { SearchMode.Dense, SearchMode.Lexical, SearchMode.Hybrid })
        {
            foreach (var outcome in new InterventionOutcome?[] { null, InterventionOutcome.Helped, InterventionOutcome.NotHelped })
            {
                var request = Query("ana", Axis(0), top: 10) with { Text = "exam tomorrow", Mode = mode, Outcome = outcome };
                var mine = await writer.SearchAsync(request);
                var fresh = await reader.SearchAsync(request);
                Assert.Equal(fresh.Select(h => (h.Intervention.Id, h.Intervention.Outcome, h.Similarity)), mine.Select(h => (h.Intervention.Id, h.Intervention.Outcome, h.Similarity)));
            }
        }

        Assert.Equal([first.Id], (await writer.SearchAsync(Query("ana", Axis(0)) with { Outcome = InterventionOutcome.Helped })).Select(h => h.Intervention.Id));
    }
}
