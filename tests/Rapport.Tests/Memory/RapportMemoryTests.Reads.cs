using Rapport.Learning;
using Rapport.Memory;
using Rapport.Sqlite;

namespace Rapport.Tests.Memory;

/// <summary>The memory service as the only door to the store: reads, forget, statistics and the shared filters.</summary>
public sealed partial class RapportMemoryTests
{
    [Fact]
    public async Task Reads_GoThroughTheService_AndSeeOnlyThatUser()
    {
        var stored = await _memory.RecordAsync(New());
        await _memory.RecordAsync(New() with { UserId = "ben" });
        await _memory.AddReflectionAsync("ana", "s-1", "Breathing helped.", ["breathing helps ana"]);

        Assert.Equal(stored.Id, (await _memory.GetAsync(stored.Id))?.Id);
        Assert.Equal(stored.Id, Assert.Single(await _memory.ListAsync("ana")).Id);
        Assert.Equal("Breathing helped.", Assert.Single(await _memory.ListReflectionsAsync("ana")).Summary);
        Assert.Equal(1, (await _memory.GetProfileAsync("ana")).KindOutcomes.Sum(k => k.Value.Total));
        Assert.Equal(2, (await _memory.GetStatsAsync()).Users);
        Assert.Equal(1, (await _memory.GetStatsAsync("ana")).Interventions);
        Assert.Same(_store, _memory.GetStoreService<IPopulationStatistics>());
        Assert.StartsWith("sqlite:", _memory.StoreDescription, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ana bob")]
    [InlineData("ana*")]
    public async Task Reads_InvalidUserId_AreRejectedBeforeTheStore(string userId)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _memory.ListAsync(userId));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _memory.ListReflectionsAsync(userId));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _memory.GetProfileAsync(userId));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _memory.ForgetUserAsync(userId));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _memory.GetStatsAsync(userId));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => _memory.GetAsync(userId));
    }

    [Fact]
    public async Task ForgetUserAsync_RemovesTheRecordsAndTheRememberedSituationsOfThatUserOnly()
    {
        await _memory.RecallAsync(new RecallRequest { UserId = "ana", Query = New().Situation });
        await _memory.RecallAsync(new RecallRequest { UserId = "ben", Query = New().Situation });
        await _memory.RecordAsync(New());
        Assert.Equal(2, _memory.RecentEmbeddingCount);
        var callsBefore = _embedder.Calls;

        var removed = await _memory.ForgetUserAsync("ana");

        Assert.Equal(1, removed);
        Assert.Equal(1, _memory.RecentEmbeddingCount);
        Assert.Empty(await _memory.ListAsync("ana"));
        // The same situation for ana is embedded anew: nothing of hers was kept.
        await _memory.RecordAsync(New());
        Assert.Equal(callsBefore + 1, _embedder.Calls);
        // ben's remembered situation is still used.
        await _memory.RecordAsync(New() with { UserId = "ben" });
        Assert.Equal(callsBefore + 1, _embedder.Calls);
    }

    [Fact]
    public async Task RecallAsync_MinSimilarity_IsPassedToTheStoreLikeEveryOtherFilter()
    {
        await _memory.RecordAsync(New() with { Situation = "tense before my talk" });
        await _memory.RecordAsync(New() with { Situation = "cannot sleep, thoughts racing at night" });

        var all = await _memory.RecallAsync(new RecallRequest { UserId = "ana", Query = "tense before my talk", Top = 10 });
        var close = await _memory.RecallAsync(new RecallRequest { UserId = "ana", Query = "tense before my talk", Top = 10, MinSimilarity = 0.99 });

        Assert.Equal(2, all.Count);
        Assert.Equal("tense before my talk", Assert.Single(close).Intervention.Situation);
    }
}
