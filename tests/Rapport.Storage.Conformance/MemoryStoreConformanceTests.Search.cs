using Rapport.Memory;
using Rapport.Storage;

namespace Rapport.Storage.Conformance;

public abstract partial class MemoryStoreConformanceTests
{
    [Fact]
    public async Task Search_OrdersByCosineSimilarity_AndReportsIt()
    {
        var store = await OpenStoreAsync();
        var far = Make("ana", Axis(3));
        var near = Make("ana", Axis(0, 0.1f));
        var middle = Make("ana", Axis(0, 1f));
        await store.RecordAsync([far, near, middle]);

        var hits = await store.SearchAsync(Query("ana", Axis(0)));

        Assert.Equal([near.Id, middle.Id, far.Id], hits.Select(h => h.Intervention.Id));
        Assert.Equal(1 / Math.Sqrt(1.01), hits[0].Similarity, 4);
        Assert.Equal(1 / Math.Sqrt(2), hits[1].Similarity, 4);
        Assert.Equal(0, hits[2].Similarity, 4);
    }

    [Fact]
    public async Task Search_Hits_CarryTheStoredEmbedding()
    {
        var store = await OpenStoreAsync();
        var first = Make("ana", Axis(0, 0.25f));
        var second = Make("ana", Axis(1, 0.5f));
        await store.RecordAsync([first]);
        await store.SearchAsync(Query("ana", Axis(0)));
        await store.RecordAsync([second]);

        var hits = await store.SearchAsync(Query("ana", Axis(0)));

        Assert.Equal(2, hits.Count);
        Assert.All(hits, hit =>
        {
            var recorded = hit.Intervention.Id == first.Id ? first : second;
            Assert.Equal(recorded.Embedding.ToArray(), hit.Intervention.Embedding.ToArray());
        });
    }

    [Fact]
    public async Task Search_Ties_NewerFirstThenId()
    {
        var store = await OpenStoreAsync();
        var t0 = Time.GetUtcNow();
        var older = Make("ana", Axis(0), createdAt: t0, id: "b0000000000000000000000000000000");
        var newerB = Make("ana", Axis(0), createdAt: t0.AddMinutes(1), id: "b1111111111111111111111111111111");
        var newerA = Make("ana", Axis(0), createdAt: t0.AddMinutes(1), id: "a1111111111111111111111111111111");
        await store.RecordAsync([older, newerB, newerA]);

        var first = await store.SearchAsync(Query("ana", Axis(0)));
        var second = await store.SearchAsync(Query("ana", Axis(0)));

        Assert.Equal([newerA.Id, newerB.Id, older.Id], first.Select(h => h.Intervention.Id));
        Assert.Equal(first.Select(h => h.Intervention.Id), second.Select(h => h.Intervention.Id));
    }

    [Fact]
    public async Task Search_Top_LimitsResults()
    {
        var store = await OpenStoreAsync();
        await store.RecordAsync([.. Enumerable.Range(0, 8).Select(i => Make("ana", Axis(i, 0.5f)))]);

        Assert.Equal(3, (await store.SearchAsync(Query("ana", Axis(0), top: 3))).Count);
        Assert.Equal(8, (await store.SearchAsync(Query("ana", Axis(0), top: 50))).Count);
    }

    [Fact]
    public async Task Search_MinQuality_ExcludesLowerAndUnscored()
    {
        var store = await OpenStoreAsync();
        var high = Make("ana", Axis(0), quality: 0.9);
        var exact = Make("ana", Axis(0), quality: 0.7);
        var low = Make("ana", Axis(0), quality: 0.3);
        var unscored = Make("ana", Axis(0));
        await store.RecordAsync([high, exact, low, unscored]);

        var hits = await store.SearchAsync(Query("ana", Axis(0)) with { MinQuality = 0.7 });

        Assert.Equal(new[] { high.Id, exact.Id }.Order(), hits.Select(h => h.Intervention.Id).Order());
    }

    [Fact]
    public async Task Search_OutcomeFilter_KeepsOnlyThatOutcome()
    {
        var store = await OpenStoreAsync();
        var helped = Make("ana", Axis(0), outcome: InterventionOutcome.Helped);
        var notHelped = Make("ana", Axis(0), outcome: InterventionOutcome.NotHelped);
        var unknown = Make("ana", Axis(0));
        await store.RecordAsync([helped, notHelped, unknown]);

        Assert.Equal([helped.Id], (await store.SearchAsync(Query("ana", Axis(0)) with { Outcome = InterventionOutcome.Helped })).Select(h => h.Intervention.Id));
        Assert.Equal([notHelped.Id], (await store.SearchAsync(Query("ana", Axis(0)) with { Outcome = InterventionOutcome.NotHelped })).Select(h => h.Intervention.Id));
        Assert.Equal([unknown.Id], (await store.SearchAsync(Query("ana", Axis(0)) with { Outcome = InterventionOutcome.Unknown })).Select(h => h.Intervention.Id));
    }

    [Fact]
    public async Task Search_OutcomeSetLater_IsSeenByFilter()
    {
        var store = await OpenStoreAsync();
        var record = Make("ana", Axis(0));
        await store.RecordAsync([record]);
        Assert.Empty(await store.SearchAsync(Query("ana", Axis(0)) with { Outcome = InterventionOutcome.Helped }));

        await store.SetOutcomeAsync(record.Id, InterventionOutcome.Helped, 5);

        var hit = Assert.Single(await store.SearchAsync(Query("ana", Axis(0)) with { Outcome = InterventionOutcome.Helped }));
        Assert.Equal(5, hit.Intervention.Rating);
    }

    [Fact]
    public async Task Search_KindsFilter_KeepsListedKinds()
    {
        var store = await OpenStoreAsync();
        var breathing = Make("ana", Axis(0), kind: "breathing");
        var pause = Make("ana", Axis(0), kind: "break");
        var reframe = Make("ana", Axis(0), kind: "reframe");
        await store.RecordAsync([breathing, pause, reframe]);

        var hits = await store.SearchAsync(Query("ana", Axis(0)) with { Kinds = ["break", "reframe", "unheard-of"] });

        Assert.Equal(new[] { pause.Id, reframe.Id }.Order(), hits.Select(h => h.Intervention.Id).Order());
        Assert.Empty(await store.SearchAsync(Query("ana", Axis(0)) with { Kinds = ["unheard-of"] }));
    }

    [Fact]
    public async Task Search_TimeWindow_SinceInclusiveUntilExclusive()
    {
        var store = await OpenStoreAsync();
        var t0 = Time.GetUtcNow();
        var first = Make("ana", Axis(0), createdAt: t0);
        var second = Make("ana", Axis(0), createdAt: t0.AddHours(1));
        var third = Make("ana", Axis(0), createdAt: t0.AddHours(2));
        await store.RecordAsync([first, second, third]);

        var hits = await store.SearchAsync(Query("ana", Axis(0)) with { Since = t0.AddHours(1), Until = t0.AddHours(2) });

        Assert.Equal([second.Id], hits.Select(h => h.Intervention.Id));
    }

    [Fact]
    public async Task Search_CombinedFilters_AllApply()
    {
        var store = await OpenStoreAsync();
        var t0 = Time.GetUtcNow();
        var match = Make("ana", Axis(0), kind: "break", outcome: InterventionOutcome.Helped, quality: 0.8, createdAt: t0.AddHours(1));
        await store.RecordAsync(
        [
            match,
            Make("ana", Axis(0), kind: "breathing", outcome: InterventionOutcome.Helped, quality: 0.8, createdAt: t0.AddHours(1)),
            Make("ana", Axis(0), kind: "break", outcome: InterventionOutcome.NotHelped, quality: 0.8, createdAt: t0.AddHours(1)),
            Make("ana", Axis(0), kind: "break", outcome: InterventionOutcome.Helped, quality: 0.5, createdAt: t0.AddHours(1)),
            Make("ana", Axis(0), kind: "break", outcome: InterventionOutcome.Helped, quality: 0.8, createdAt: t0),
            Make("ben", Axis(0), kind: "break", outcome: InterventionOutcome.Helped, quality: 0.8, createdAt: t0.AddHours(1)),
        ]);

        var hits = await store.SearchAsync(Query("ana", Axis(0)) with
        {
            Kinds = ["break"],
            Outcome = InterventionOutcome.Helped,
            MinQuality = 0.7,
            Since = t0.AddMinutes(30),
        });

        Assert.Equal([match.Id], hits.Select(h => h.Intervention.Id));
    }

    [Fact]
    public async Task Search_OtherEmbeddingModel_IsIgnored()
    {
        var store = await OpenStoreAsync();
        var mine = Make("ana", Axis(0), model: "model-a");
        var other = Make("ana", Axis(0), model: "model-b");
        await store.RecordAsync([mine, other]);

        var hits = await store.SearchAsync(Query("ana", Axis(0)) with { EmbeddingModel = "model-a" });

        Assert.Equal([mine.Id], hits.Select(h => h.Intervention.Id));
    }

    [Fact]
    public async Task CountEmbeddingModels_MixedModels_CountsLiveRecordsOfThatUserPerModel()
    {
        var store = await OpenStoreAsync();
        var expired = Make("ana", Axis(0), model: "model-c", createdAt: Time.GetUtcNow().AddDays(-40));
        await store.RecordAsync([Make("ana", Axis(0), model: "model-a"), Make("ana", Axis(1), model: "model-a"),
            Make("ana", Axis(2), model: "model-b"), Make("ben", Axis(0), model: "model-d"), expired]);

        var counts = await store.CountEmbeddingModelsAsync("ana");

        Assert.Equal(2, counts.Count);
        Assert.Equal(2, counts["model-a"]);
        Assert.Equal(1, counts["model-b"]);
        Assert.Empty(await store.CountEmbeddingModelsAsync("nobody"));
    }

    [Fact]
    public async Task Search_NoMemories_ReturnsEmpty()
    {
        var store = await OpenStoreAsync();

        Assert.Empty(await store.SearchAsync(Query("nobody", Axis(0))));
    }

    [Fact]
    public async Task Search_InvalidRequest_IsRejected()
    {
        var store = await OpenStoreAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.SearchAsync(Query("a*", Axis(0))));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.SearchAsync(Query("ana", Axis(0), top: 0)));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.SearchAsync(Query("ana", [])));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.SearchAsync(Query("ana", Axis(0)) with { MinQuality = 1.5 }));
    }
}
