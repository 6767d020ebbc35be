using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;
using Rapport.Embeddings;
using Rapport.Memory;
using Rapport.Sqlite;

namespace Rapport.Tests.Memory;

/// <summary>The memory service over the real SQLite store and the hashing embedder, with a fake clock.</summary>
/// <remarks>Bad input at the entry points (ids, texts, outcomes, scores, batches) is in <c>RapportMemoryTests.Validation.cs</c>.</remarks>
public sealed partial class RapportMemoryTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-memory-").FullName;
    private readonly FakeTimeProvider _time = new(Start);
    private readonly CountingEmbeddingGenerator _embedder = new();
    private SqliteMemoryStore _store = null!;
    private RapportMemory _memory = null!;

    public ValueTask InitializeAsync()
    {
        _store = SqliteMemoryStore.Open(Path.Combine(_folder, "rapport.db"), _time);
        _memory = new RapportMemory(_store, _embedder, timeProvider: _time);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task RecordAsync_Valid_StampsIdTimesExpiryAndEmbedding()
    {
        var stored = await _memory.RecordAsync(New() with { SessionId = "s-1", Tool = "timer", Quality = 0.75 });

        Assert.Matches("^[0-9a-f]{32}$", stored.Id);
        Assert.Equal(Start, stored.CreatedAt);
        Assert.Equal(Start + TimeSpan.FromDays(30), stored.ExpiresAt);
        Assert.Null(stored.OutcomeAt);
        Assert.Equal("hashing-384", stored.EmbeddingModel);
        Assert.Equal(new HashingEmbeddingGenerator().Embed(stored.Situation), stored.Embedding.ToArray());
        var read = await _store.GetAsync(stored.Id);
        Assert.NotNull(read);
        Assert.Equal(("ana", "s-1", "timer", 0.75), (read.UserId, read.SessionId, read.Tool, read.Quality));
    }

    [Fact]
    public async Task RecordAsync_OutcomeOrRatingGiven_StampsOutcomeTime()
    {
        var withOutcome = await _memory.RecordAsync(New() with { Outcome = InterventionOutcome.Helped });
        var withRating = await _memory.RecordAsync(New() with { Rating = 4 });

        Assert.Equal(Start, withOutcome.OutcomeAt);
        Assert.Equal(Start, withRating.OutcomeAt);
    }

    [Fact]
    public async Task RecordAsync_CreatedAtGiven_ExpiryCountsFromIt()
    {
        var stored = await _memory.RecordAsync(New() with { CreatedAt = Start.AddDays(-10) });

        Assert.Equal(Start.AddDays(-10), stored.CreatedAt);
        Assert.Equal(Start.AddDays(20), stored.ExpiresAt);
    }

    [Fact]
    public async Task RecordManyAsync_Ids_AreUniqueAndTimeOrdered()
    {
        var first = await _memory.RecordManyAsync([New(), New(), New()]);
        _time.Advance(TimeSpan.FromMilliseconds(5));
        var later = await _memory.RecordAsync(New());

        Assert.Equal(4, first.Select(i => i.Id).Append(later.Id).Distinct().Count());
        Assert.All(first, i => Assert.True(string.CompareOrdinal(i.Id, later.Id) < 0, $"{i.Id} sorts after {later.Id}"));
    }

    [Fact]
    public async Task RecordAsync_RetentionOption_SetsExpiryAndTheRecordDecays()
    {
        var memory = new RapportMemory(
            _store, new HashingEmbeddingGenerator(), new RetentionOptions { Interventions = TimeSpan.FromDays(2) }, _time);

        var stored = await memory.RecordAsync(New());
        _time.Advance(TimeSpan.FromDays(2) - TimeSpan.FromTicks(1));
        var beforeExpiry = await _store.GetAsync(stored.Id);
        _time.Advance(TimeSpan.FromTicks(1));
        var atExpiry = await _store.GetAsync(stored.Id);

        Assert.Equal(Start.AddDays(2), stored.ExpiresAt);
        Assert.NotNull(beforeExpiry);
        Assert.Null(atExpiry);
    }

    [Fact]
    public async Task RecordManyAsync_Empty_ReturnsEmpty()
    {
        Assert.Empty(await _memory.RecordManyAsync([]));
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task SetOutcomeAsync_Valid_UpdatesOutcomeRatingAndTime()
    {
        var stored = await _memory.RecordAsync(New());
        _time.Advance(TimeSpan.FromHours(1));

        var updated = await _memory.SetOutcomeAsync(stored.Id, InterventionOutcome.Helped, 5);

        Assert.NotNull(updated);
        Assert.Equal((InterventionOutcome.Helped, (int?)5, (DateTimeOffset?)Start.AddHours(1)), (updated.Outcome, updated.Rating, updated.OutcomeAt));
    }

    [Fact]
    public async Task SetOutcomeAsync_BadInput_IsRejectedAndChangesNothing()
    {
        var stored = await _memory.RecordAsync(New());

        await Assert.ThrowsAsync<ArgumentException>(() => _memory.SetOutcomeAsync("not an id", InterventionOutcome.Helped));
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => _memory.SetOutcomeAsync(stored.Id, (InterventionOutcome)5));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _memory.SetOutcomeAsync(stored.Id, InterventionOutcome.Helped, 9));

        Assert.Contains(InterventionOutcomeText.Accepted, unknown.Message, StringComparison.Ordinal);
        var read = await _store.GetAsync(stored.Id);
        Assert.Equal((InterventionOutcome.Unknown, (int?)null), (read!.Outcome, read.Rating));
    }

    [Fact]
    public async Task SetOutcomeAsync_UnknownId_ReturnsNull()
    {
        Assert.Null(await _memory.SetOutcomeAsync("0123456789abcdef0123456789abcdef", InterventionOutcome.Helped));
    }

    [Fact]
    public async Task RecallAsync_ReturnsOnlyThatUsersMemories_MostSimilarFirst()
    {
        await _memory.RecordManyAsync([
            New() with { Situation = "I can't sleep before my exam" },
            New() with { Situation = "my manager shouted at me in the meeting" },
            New() with { Situation = "nervous about the exam tomorrow morning" },
            New() with { UserId = "ben", Situation = "nervous about the exam tomorrow" },
        ]);

        var hits = await _memory.RecallAsync(new RecallRequest { UserId = "ana", Query = "nervous about my exam tomorrow" });

        Assert.Equal(3, hits.Count);
        Assert.All(hits, h => Assert.Equal("ana", h.Intervention.UserId));
        Assert.Equal("nervous about the exam tomorrow morning", hits[0].Intervention.Situation);
        Assert.True(hits[0].Similarity >= hits[1].Similarity && hits[1].Similarity >= hits[2].Similarity);
    }

    [Fact]
    public async Task RecallAsync_FiltersAndTop_AreApplied()
    {
        await _memory.RecordManyAsync([
            New() with { Kind = "breathing", Outcome = InterventionOutcome.Helped, Quality = 0.9 },
            New() with { Kind = "breathing", Outcome = InterventionOutcome.Helped, Quality = 0.2 },
            New() with { Kind = "break", Outcome = InterventionOutcome.Helped, Quality = 0.9 },
            New() with { Kind = "breathing", Outcome = InterventionOutcome.NotHelped, Quality = 0.9 },
        ]);

        var filtered = await _memory.RecallAsync(new RecallRequest
        {
            UserId = "ana", Query = "tense", MinQuality = 0.5, Outcome = InterventionOutcome.Helped, Kinds = ["breathing"],
        });
        var top2 = await _memory.RecallAsync(new RecallRequest { UserId = "ana", Query = "tense", Top = 2 });

        var hit = Assert.Single(filtered);
        Assert.Equal((0.9, "breathing", InterventionOutcome.Helped), (hit.Intervention.Quality!.Value, hit.Intervention.Kind, hit.Intervention.Outcome));
        Assert.Equal(2, top2.Count);
    }

    [Fact]
    public async Task RecallAsync_MemoriesOfAnotherEmbedder_AreFoundByWordsAndReportedAsAwaiting()
    {
        await _memory.RecordAsync(New());
        var other = new RapportMemory(_store, new HashingEmbeddingGenerator(256), timeProvider: _time);

        var hits = await other.RecallAsync(new RecallRequest { UserId = "ana", Query = "I feel tense before my talk" });
        var status = await other.GetEmbeddingStatusAsync("ana");

        Assert.Single(hits);
        Assert.Equal((0L, 1L, "hashing-384"), (status.Current, status.AwaitingReembedding, status.StoreEmbedder));
    }

    [Theory]
    [InlineData("a*", "tense")]
    [InlineData("ana", "")]
    public async Task RecallAsync_BadInput_IsRejected(string userId, string query)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _memory.RecallAsync(new RecallRequest { UserId = userId, Query = query }));
    }

    [Fact]
    public async Task AddReflectionAsync_StampsTimesAndReflectionRetention()
    {
        var memory = new RapportMemory(
            _store, new HashingEmbeddingGenerator(), new RetentionOptions { Reflections = TimeSpan.FromDays(7) }, _time);

        var reflection = await memory.AddReflectionAsync("ana", "s-1", "Breathing helped twice.", ["Prefers short exercises"], 3, 2, 1);

        Assert.Equal((Start, Start.AddDays(7)), (reflection.CreatedAt, reflection.ExpiresAt));
        var listed = Assert.Single(await _store.ListReflectionsAsync("ana"));
        Assert.Equal(reflection.Id, listed.Id);
        Assert.Equal(["Prefers short exercises"], listed.Insights);
    }

    [Theory]
    [InlineData("a*", "s-1", "summary")]
    [InlineData("ana", "s 1", "summary")]
    [InlineData("ana", "s-1", "")]
    public async Task AddReflectionAsync_BadInput_IsRejectedAndStoresNothing(string userId, string sessionId, string summary)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _memory.AddReflectionAsync(userId, sessionId, summary));

        Assert.Equal(0, (await _store.GetStatsAsync()).Reflections);
    }

    [Fact]
    public async Task AddReflectionAsync_NegativeCount_IsRejected()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _memory.AddReflectionAsync("ana", "s-1", "summary", helpedCount: -1));
    }

    [Fact]
    public async Task SaveProfileAsync_StampsUpdateAndProfileRetention()
    {
        var memory = new RapportMemory(
            _store, new HashingEmbeddingGenerator(), new RetentionOptions { Profiles = TimeSpan.FromDays(90) }, _time);

        var saved = await memory.SaveProfileAsync(new UserProfile { UserId = "ana", Facts = ["has exams in June"] });

        Assert.Equal((Start, Start.AddDays(90)), (saved.UpdatedAt!.Value, saved.ExpiresAt!.Value));
        var read = await _store.GetProfileAsync("ana");
        Assert.Equal(["has exams in June"], read.Facts);
        Assert.Equal(Start.AddDays(90), read.ExpiresAt);
    }

    [Fact]
    public void Constructor_InvalidRetention_SaysWhatIsAccepted()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => new RapportMemory(_store, new HashingEmbeddingGenerator(), new RetentionOptions { Interventions = TimeSpan.Zero }));

        Assert.Contains("more than zero and at most 3650 days", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmbeddingModel_IsTheEmbeddersModelId()
    {
        Assert.Equal("hashing-384", _memory.EmbeddingModel);
        Assert.Same(_store, _memory.Store);
    }

    [Fact]
    public async Task RecordAsync_SituationJustRecalled_ReusesTheRecallsVector()
    {
        await _memory.RecallAsync(new RecallRequest { UserId = "ana", Query = New().Situation });
        var callsAfterRecall = _embedder.Calls;

        var stored = await _memory.RecordAsync(New());
        await _memory.RecordAsync(New() with { Situation = "A situation nobody recalled" });

        Assert.Equal(callsAfterRecall + 1, _embedder.Calls);
        var expected = await new HashingEmbeddingGenerator().GenerateVectorAsync(New().Situation);
        Assert.Equal(expected.ToArray(), stored.Embedding.ToArray());
    }

    private static NewIntervention New() => new()
    {
        UserId = "ana",
        Situation = "I feel tense before my talk",
        Kind = "breathing",
        Text = "Let's take three slow breaths together.",
    };

    // Invalid input fails before the embedder is called (a remote embedder costs time and money) and stores nothing.
    private async Task AssertNothingStoredAsync()
    {
        var stats = await _store.GetStatsAsync();
        Assert.Equal(0, stats.Interventions);
        Assert.Equal(0, _embedder.Calls);
    }
}
