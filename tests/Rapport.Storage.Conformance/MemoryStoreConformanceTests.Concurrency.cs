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
