using Rapport.Memory;

namespace Rapport.Tests.Memory;

public sealed partial class RapportMemoryTests
{
    [Theory]
    [InlineData("a*")]
    [InlineData("{x}")]
    [InlineData("a b")]
    [InlineData("")]
    [InlineData("ana/../ben")]
    public async Task RecordAsync_InvalidUserId_SaysWhatIsAcceptedAndStoresNothing(string userId)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _memory.RecordAsync(New() with { UserId = userId }));

        Assert.Contains(MemoryIds.Accepted, error.Message, StringComparison.Ordinal);
        Assert.Equal("UserId", error.ParamName);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task RecordAsync_InvalidSessionId_SaysWhatIsAccepted()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _memory.RecordAsync(New() with { SessionId = "s 1" }));

        Assert.StartsWith("Invalid session id 's 1'", error.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("", "The situation is empty")]
    [InlineData("   ", "The situation is empty")]
    [InlineData(null, "The situation has 100,000 characters: at most 8,000 are accepted.")]
    public async Task RecordAsync_BadSituation_SaysWhyAndStoresNothing(string? situation, string expected)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => _memory.RecordAsync(New() with { Situation = situation ?? new string('x', 100_000) }));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task RecordAsync_100KilobyteText_IsRejected()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _memory.RecordAsync(New() with { Text = new string('x', 100_000) }));

        Assert.StartsWith("The intervention text has 100,000 characters", error.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task RecordAsync_UnknownOutcome_ListsAcceptedOutcomes()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _memory.RecordAsync(New() with { Outcome = (InterventionOutcome)9 }));

        Assert.Contains(InterventionOutcomeText.Accepted, error.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task RecordAsync_Rating9_SaysOneToFive()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _memory.RecordAsync(New() with { Rating = 9 }));

        Assert.StartsWith("Invalid rating 9: use a whole number from 1 to 5.", error.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task RecordAsync_NaNQuality_SaysZeroToOne()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _memory.RecordAsync(New() with { Quality = double.NaN }));

        Assert.Contains("use a number from 0 to 1", error.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task RecordAsync_BadScore_NamesTheScore()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => _memory.RecordAsync(New() with { Scores = new Dictionary<string, double> { ["brevity"] = 1.5 } }));

        Assert.Contains("score 'brevity'", error.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("two words", null)]
    [InlineData("breathing", "a/b")]
    public async Task RecordAsync_BadKindOrTool_IsRejected(string kind, string? tool)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _memory.RecordAsync(New() with { Kind = kind, Tool = tool }));

        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task RecordAsync_TooMuchMetadata_SaysTheLimit()
    {
        var metadata = Enumerable.Range(0, 40).ToDictionary(i => $"k{i}", i => "v");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _memory.RecordAsync(New() with { Metadata = metadata }));

        Assert.StartsWith("40 metadata entries: at most 32 are accepted.", error.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task RecordManyAsync_OneInvalidItem_StoresNoneOfTheBatch()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => _memory.RecordManyAsync([New(), New() with { UserId = "ben" }, New() with { Rating = 0 }]));

        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task RecordManyAsync_EmbedderReturnsTooFew_SaysSoAndStoresNothing()
    {
        var memory = new RapportMemory(_store, new CountingEmbeddingGenerator(dropLast: true), timeProvider: _time);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => memory.RecordManyAsync([New(), New()]));

        Assert.StartsWith("The embedder returned 1 embeddings for 2 situations", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await _store.GetStatsAsync()).Interventions);
    }
}
