using Rapport.Memory;
using Rapport.Search;
using Rapport.Storage;

namespace Rapport.Storage.Conformance;

/// <summary>Lexical and hybrid search: the same data must rank the same way in every store.</summary>
public abstract partial class MemoryStoreConformanceTests
{
    private static readonly string[] Situations =
    [
        "I can't sleep before my chemistry exam tomorrow",
        "An argument with my sister about the holidays",
        "My chemistry teacher said the exam was moved",
        "A deadline at work keeps me up at night",
        "I went running and felt calmer afterwards",
        "Exams make my hands shake",
    ];

    /// <summary>Six memories with words and vectors that pull in different directions.</summary>
    protected async Task<(IMemoryStore Store, Intervention[] Records)> SeedWordsAsync()
    {
        var store = await OpenStoreAsync();
        var t0 = Time.GetUtcNow();
        var records = Situations
            .Select((s, i) => Make("ana", Axis(i, 0.3f), situation: s, kind: i % 2 == 0 ? "breathing" : "reframe", createdAt: t0.AddMinutes(i)))
            .ToArray();
        await store.RecordAsync(records);
        await store.RecordAsync([Make("ben", Axis(0), situation: "my chemistry exam is tomorrow")]);
        return (store, records);
    }

    /// <summary>The ranking every store must reproduce: the core snapshot over the same records.</summary>
    protected IReadOnlyList<VectorMatch> Reference(IEnumerable<Intervention> records, MemorySearchRequest request) =>
        new UserVectorSet([.. records.Select(r => new VectorEntry(
            r.Id, r.Kind, r.Outcome, r.Quality, r.CreatedAt, r.ExpiresAt, r.EmbeddingModel, r.Embedding, r.Situation, r.Text, r.SessionId))])
            .Search(request, Time.GetUtcNow());

    [Fact]
    public async Task Search_Lexical_FindsSharedWords_AndLeavesOutTheRest()
    {
        var (store, records) = await SeedWordsAsync();

        var hits = await store.SearchAsync(Query("ana", Axis(4)) with { Text = "nervous about the chemistry exam", Mode = SearchMode.Lexical });

        Assert.Equal(records[0].Id, hits[0].Intervention.Id);
        Assert.Equal(new[] { records[0].Id, records[2].Id, records[5].Id }.Order(), hits.Select(h => h.Intervention.Id).Order());
        Assert.All(hits, h => Assert.Equal("ana", h.Intervention.UserId));
    }

    [Theory]
    [InlineData(SearchMode.Lexical, "nervous about the chemistry exam")]
    [InlineData(SearchMode.Hybrid, "nervous about the chemistry exam")]
    [InlineData(SearchMode.Hybrid, "calm after running at night")]
    [InlineData(SearchMode.Hybrid, "what?")]
    public async Task Search_WordsAndVectors_RankLikeTheCoreSnapshot(SearchMode mode, string text)
    {
        var (store, records) = await SeedWordsAsync();
        var request = Query("ana", Axis(3, 0.5f)) with { Text = text, Mode = mode };

        var hits = await store.SearchAsync(request);
        var expected = Reference(records, request);

        Assert.Equal(expected.Select(m => m.Id), hits.Select(h => h.Intervention.Id));
        Assert.Equal(expected.Select(m => Math.Round(m.Similarity, 5)), hits.Select(h => Math.Round(h.Similarity, 5)));
    }

    [Fact]
    public async Task Search_Hybrid_PutsTheWordMatchFirst_WhereDenseAloneWouldNot()
    {
        var (store, records) = await SeedWordsAsync();
        var request = Query("ana", Axis(3)) with { Text = "sister holidays argument" };

        var dense = await store.SearchAsync(request with { Mode = SearchMode.Dense });
        var hybrid = await store.SearchAsync(request);

        Assert.Equal(records[3].Id, dense[0].Intervention.Id);
        Assert.Equal(records[1].Id, hybrid[0].Intervention.Id);
        Assert.Equal(records.Length, hybrid.Count);
    }

    [Fact]
    public async Task Search_Hybrid_SessionNeighbourOfAStrongMatchLendsItContext()
    {
        var store = await OpenStoreAsync();
        var t0 = Time.GetUtcNow();
        var question = Make("ana", Axis(0), situation: "How was the volcano trip?", createdAt: t0) with { SessionId = "s1" };
        var answer = Make("ana", Axis(1), situation: "It was amazing, we hiked at dawn", createdAt: t0.AddMinutes(1)) with { SessionId = "s1" };
        var alone = Make("ana", Axis(1), situation: "It was amazing, we hiked at noon", createdAt: t0.AddMinutes(2)) with { SessionId = "s2" };
        await store.RecordAsync([question, answer, alone]);
        var request = Query("ana", Axis(2)) with { Text = "volcano trip hiked" };

        var hits = await store.SearchAsync(request);
        var flat = await store.SearchAsync(request with { Ranking = new SearchRanking { NeighbourWeight = 0, SessionWeight = 0 } });

        Assert.Equal([question.Id, answer.Id, alone.Id], hits.Select(h => h.Intervention.Id));
        Assert.Equal([question.Id, alone.Id, answer.Id], flat.Select(h => h.Intervention.Id));
        Assert.Equal(Reference([question, answer, alone], request).Select(m => m.Id), hits.Select(h => h.Intervention.Id));
    }

    [Fact]
    public async Task Search_LexicalAndHybrid_ApplyEveryFilter()
    {
        var (store, records) = await SeedWordsAsync();
        var t0 = Time.GetUtcNow();
        var request = Query("ana", Axis(0)) with { Text = "chemistry exam", Kinds = ["breathing"], Since = t0.AddMinutes(1) };

        foreach (var mode in new[] { SearchMode.Lexical, SearchMode.Hybrid })
        {
            var hits = await store.SearchAsync(request with { Mode = mode });

            Assert.Equal(records[2].Id, hits[0].Intervention.Id);
            Assert.All(hits, h => Assert.True(h.Intervention.Kind == "breathing" && h.Intervention.CreatedAt >= t0.AddMinutes(1)));
            Assert.Empty(await store.SearchAsync(request with { Mode = mode, Outcome = InterventionOutcome.Helped }));
            Assert.Empty(await store.SearchAsync(request with { Mode = mode, MinQuality = 0.5 }));
        }
    }

    [Fact]
    public async Task Search_Lexical_FindsWordsOfTheInterventionText()
    {
        var store = await OpenStoreAsync();
        var record = Make("ana", Axis(0), situation: "I feel tense") with { Text = "Try the box breathing pattern" };
        await store.RecordAsync([record, Make("ana", Axis(1), situation: "I feel tired")]);

        var hits = await store.SearchAsync(Query("ana", Axis(1)) with { Text = "box pattern", Mode = SearchMode.Lexical });

        Assert.Equal([record.Id], hits.Select(h => h.Intervention.Id));
    }

    [Fact]
    public async Task Search_Lexical_SeesNewWritesAndForgets()
    {
        var store = await OpenStoreAsync();
        await store.RecordAsync([Make("ana", Axis(0), situation: "a quiet morning")]);
        var request = Query("ana", Axis(0)) with { Text = "volcano trip", Mode = SearchMode.Lexical };
        Assert.Empty(await store.SearchAsync(request));

        var added = Make("ana", Axis(1), situation: "planning a volcano trip");
        await (await OpenStoreAsync()).RecordAsync([added]);
        Assert.Equal([added.Id], (await store.SearchAsync(request)).Select(h => h.Intervention.Id));

        await store.ForgetUserAsync("ana");
        Assert.Empty(await store.SearchAsync(request));
    }

    [Fact]
    public async Task Search_UnknownMode_IsRejected()
    {
        var store = await OpenStoreAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.SearchAsync(Query("ana", Axis(0)) with { Mode = (SearchMode)9 }));
    }
}
