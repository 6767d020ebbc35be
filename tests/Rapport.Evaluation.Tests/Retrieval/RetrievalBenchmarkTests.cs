using Rapport.Embeddings;
using Rapport.Evaluation.Retrieval;
using Rapport.Search;
using Rapport.Sqlite;

namespace Rapport.Evaluation.Tests.Retrieval;

public sealed class RetrievalBenchmarkTests
{
    [Theory]
    [InlineData(SearchMode.Lexical)]
    [InlineData(SearchMode.Hybrid)]
    public async Task RunAsync_SmallFile_ScoresEvidenceRecall(SearchMode mode)
    {
        var path = await LocomoSample.WriteAsync();
        var db = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.db");
        try
        {
            var dataset = await LocomoReader.LoadAsync(path);
            var progress = new List<RetrievalBenchmarkProgress>();
            await using var store = SqliteMemoryStore.Open(db);
            // A lexical run needs no embedder, and is given none.
            var bench = new RetrievalBenchmark(store, mode == SearchMode.Lexical ? null : new HashingEmbeddingGenerator());

            var report = await bench.RunAsync(dataset, new RetrievalBenchmarkOptions { Mode = mode, Ks = [5, 1] }, new SyncProgress(progress.Add));

            Assert.Equal([1, 5], report.Ks);
            Assert.Equal(5, report.Memories);
            Assert.Equal(3, report.Questions);
            Assert.Equal(1, report.UnscoredQuestions);
            Assert.Equal(100, report.Recall[5], 6); // five memories: everything is in the top 5
            Assert.True(report.Recall[1] > 0);
            Assert.Equal([1, 4], report.Categories.Select(c => c.Category));
            Assert.Equal(3, report.SearchLatency.Count);
            Assert.Equal(progress.Select(p => p.Done).Order(), progress.Select(p => p.Done));
            Assert.Equal(9, progress[^1].Done);
            var conversation = Assert.Single(report.PerConversation);
            Assert.Equal((5, 3, true), (conversation.Turns, conversation.Questions, conversation.Dated));
            Assert.Equal(report.Recall[5], conversation.Recall[5]);
            Assert.Equal((2, 1), (report.Sessions, report.DatedConversations));
            Assert.True(report.EvidenceIds >= 3);
            var stored = await store.ListAsync(Assert.Single(await store.ListUsersAsync()), 10);
            Assert.Equal(new DateTimeOffset(2023, 5, 8, 13, 56, 0, TimeSpan.Zero), stored.Min(i => i.CreatedAt));
            Assert.Equal(mode == SearchMode.Lexical ? "none (lexical run)" : "hashing-384", stored[0].EmbeddingModel);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
            File.Delete(db);
        }
    }

    [Fact]
    public void ToMemory_Turn_IsSpeakerPrefixedWithSessionDateInMetadata()
    {
        var memory = RetrievalBenchmark.ToMemory("u", new LocomoTurn("D1:3", 1, "8 May, 2023", "Ana", "Look at this.", "a sunset"));

        Assert.Equal("Ana: Look at this. [shared an image: a sunset]", memory.Situation);
        Assert.Equal("8 May, 2023", memory.Metadata!["session_date"]);
        Assert.Equal("D1:3", memory.Metadata["dia_id"]);
        Assert.Equal("session-1", memory.SessionId);
    }

    [Fact]
    public void Options_InvalidKs_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => new RetrievalBenchmarkOptions { Ks = [] }.Validate());
        Assert.Throws<ArgumentException>(() => new RetrievalBenchmarkOptions { Ks = [0] }.Validate());
    }

    private sealed class SyncProgress(Action<RetrievalBenchmarkProgress> report) : IProgress<RetrievalBenchmarkProgress>
    {
        public void Report(RetrievalBenchmarkProgress value) => report(value);
    }
}
