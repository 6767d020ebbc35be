using Rapport.Memory;
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
}
