using Microsoft.Extensions.AI;
using Rapport.Embeddings;
using Rapport.Memory;

namespace Rapport.Storage.Conformance;

/// <summary>Re-embedding through the memory service on every store: binding, refusal, resumption, concurrent writes.</summary>
public abstract partial class MemoryStoreConformanceTests
{
    private static readonly string[] ReembedSituations =
    [
        "I feel tense before my talk", "My exam is tomorrow and I cannot sleep", "Work deadlines pile up again",
        "I argued with my sister", "My back aches after the long drive", "I keep checking my phone at night",
        "The new job starts on Monday", "I miss my friends since the move",
    ];

    [Fact]
    public async Task Record_ByAnotherEmbedderThanTheStoresOwn_IsRefusedNamingReembed()
    {
        var store = await OpenStoreAsync();
        await Service(store, 64).RecordAsync(New("ana", 0));

        var error = await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => Service(store, 32).RecordAsync(New("ben", 1)));

        Assert.Equal(("hashing-64", "hashing-32"), (error.StoreEmbedder, error.SearchingModel));
        Assert.Contains("rapport reembed", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await store.GetStatsAsync()).Interventions);
        Assert.Equal("hashing-64", await (await OpenStoreAsync()).GetEmbedderAsync());
    }

    [Fact]
    public async Task Recall_WithTheNewEmbedderBeforeReembedding_FindsByWordsAndCountsWhatAwaits()
    {
        var store = await OpenStoreAsync();
        await Service(store, 64).RecordManyAsync([New("ana", 0), New("ana", 1), New("ana", 2)]);
        var next = Service(store, 32);

        var hits = await next.RecallAsync(new RecallRequest { UserId = "ana", Query = "my exam tomorrow" });
        var status = await next.GetEmbeddingStatusAsync("ana");

        Assert.Equal(ReembedSituations[1], hits[0].Intervention.Situation);
        Assert.Equal((0L, 3L, "hashing-64"), (status.Current, status.AwaitingReembedding, status.StoreEmbedder));
        Assert.Empty(await next.RecallAsync(new RecallRequest { UserId = "ana", Query = "my exam tomorrow", Mode = Search.SearchMode.Dense }));
    }

    [Fact]
    public async Task Reembed_InterruptedThenResumed_ReembedsEachMemoryOnceAndKeepsOutcomes()
    {
        var store = await OpenStoreAsync();
        var old = Service(store, 64);
        var written = await old.RecordManyAsync([.. Enumerable.Range(0, 7).Select(i => New("ana", i)), .. Enumerable.Range(0, 5).Select(i => New("ben", i))]);
        await old.SetOutcomeAsync(written[0].Id, InterventionOutcome.Helped);
        var next = Service(store, 32);
        using var stop = new CancellationTokenSource();
        var progress = new InlineProgress(p =>
        {
            if (p.Reembedded >= 3)
            {
                stop.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.ReembedAsync(new ReembedRequest { BatchSize = 3 }, progress, stop.Token));
        var midway = (await next.GetEmbeddingStatusAsync("ana")).AwaitingReembedding + (await next.GetEmbeddingStatusAsync("ben")).AwaitingReembedding;
        await Assert.ThrowsAsync<EmbeddingModelMismatchException>(() => old.RecordAsync(New("ana", 3)));
        var resumed = await next.ReembedAsync(new ReembedRequest { BatchSize = 3 });
        var again = await next.ReembedAsync();

        Assert.Equal(9, midway);
        Assert.Equal((2, 9L, 3L, 0L), (resumed.Users, resumed.Reembedded, resumed.AlreadyCurrent, resumed.Remaining));
        Assert.Equal(("hashing-32", "hashing-32"), (resumed.PreviousEmbedder, resumed.Embedder));
        Assert.Equal((0L, 12L), (again.Reembedded, again.AlreadyCurrent));
        var all = (await store.ListAsync("ana", 100)).Concat(await store.ListAsync("ben", 100)).ToList();
        Assert.All(all, i => Assert.Equal("hashing-32", i.EmbeddingModel));
        Assert.All(all, i => Assert.Equal(32, i.Embedding.Length));
        Assert.Equal(InterventionOutcome.Helped, all.Single(i => i.Id == written[0].Id).Outcome);
        var dense = await next.RecallAsync(new RecallRequest { UserId = "ana", Query = ReembedSituations[4], Mode = Search.SearchMode.Dense, Top = 1 });
        Assert.Equal(ReembedSituations[4], dense[0].Intervention.Situation);
        Assert.True(dense[0].Similarity > 0.99);
    }

    [Fact]
    public async Task Reembed_WithConcurrentWritesAndOutcomes_LosesNothing()
    {
        var store = await OpenStoreAsync();
        var old = Service(store, 64);
        var written = await old.RecordManyAsync([.. Enumerable.Range(0, 24).Select(i => New("ana", i))]);
        var slow = new RapportMemory(await OpenStoreAsync(), new SlowEmbedder(new HashingEmbeddingGenerator(32)), timeProvider: Time);
        var next = Service(await OpenStoreAsync(), 32);

        var run = slow.ReembedAsync(new ReembedRequest { BatchSize = 4 });
        var added = new List<Intervention>();
        for (var i = 0; i < 6; i++)
        {
            if (await WaitForBindingAsync(store, "hashing-32"))
            {
                added.Add(await next.RecordAsync(New("ana", i)));
            }

            await next.SetOutcomeAsync(written[i * 3].Id, InterventionOutcome.NotHelped);
        }

        var result = await run;

        var all = await store.ListAsync("ana", 100);
        Assert.Equal(30, all.Count);
        Assert.Equal(6, added.Count);
        Assert.All(all, i => Assert.Equal("hashing-32", i.EmbeddingModel));
        Assert.Equal(6, all.Count(i => i.Outcome == InterventionOutcome.NotHelped));
        Assert.Equal((24L, 0L), (result.Reembedded, result.Remaining));
    }

    // Waits (up to 30 s: a loaded machine, a networked store) for the re-embedding to bind the store to the new model.
    private static async Task<bool> WaitForBindingAsync(IMemoryStore store, string model)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await store.GetEmbedderAsync() != model && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        return await store.GetEmbedderAsync() == model;
    }

    private RapportMemory Service(IMemoryStore store, int dimensions) => new(store, new HashingEmbeddingGenerator(dimensions), timeProvider: Time);

    private static NewIntervention New(string user, int situation) =>
        new() { UserId = user, SessionId = "s1", Situation = ReembedSituations[situation % ReembedSituations.Length], Kind = "breathing", Text = "Breathe with me." };

    private sealed class InlineProgress(Action<ReembedProgress> report) : IProgress<ReembedProgress>
    {
        public void Report(ReembedProgress value) => report(value);
    }

    // Gives concurrent writers time to interleave with each batch.
    private sealed class SlowEmbedder(IEmbeddingGenerator<string, Embedding<float>> inner) : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
    {
        public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            await Task.Delay(20, cancellationToken);
            return await base.GenerateAsync(values, options, cancellationToken);
        }
    }
}
