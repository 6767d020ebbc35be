using Rapport.Memory;
using Rapport.Storage;

namespace Rapport.Tests.Storage;

public sealed class MemoryRecordValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Validate_WellFormedIntervention_Passes() => MemoryRecordValidator.Validate(Valid());

    [Fact]
    public void Validate_EmptyEmbedding_SaysSo()
    {
        var error = Assert.Throws<ArgumentException>(() => MemoryRecordValidator.Validate(Valid() with { Embedding = ReadOnlyMemory<float>.Empty }));

        Assert.StartsWith("The embedding is empty.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Validate_NonFiniteEmbeddingValue_SaysSo(float value)
    {
        var error = Assert.Throws<ArgumentException>(() => MemoryRecordValidator.Validate(Valid() with { Embedding = new[] { 1f, value } }));

        Assert.StartsWith("The embedding contains a value that is not a finite number.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("id with spaces")]
    [InlineData("{id}")]
    public void Validate_InvalidRecordId_IsRejected(string id)
    {
        var error = Assert.Throws<ArgumentException>(() => MemoryRecordValidator.Validate(Valid() with { Id = id }));

        Assert.StartsWith("Invalid record id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UndefinedOutcome_ListsTheAcceptedOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => MemoryRecordValidator.Validate(Valid() with { Outcome = (InterventionOutcome)3 }));

        Assert.Contains(InterventionOutcomeText.Accepted, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SavedProfileWithoutExpiry_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => MemoryRecordValidator.Validate(new UserProfile { UserId = "ana" }));
        MemoryRecordValidator.Validate(new UserProfile { UserId = "ana", ExpiresAt = Now });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_001)]
    public void Validate_SearchTopOutOfRange_SaysTheRange(int top)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => MemoryRecordValidator.Validate(Search() with { Top = top }));

        Assert.Contains($"Invalid top {top}: use 1-1000.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(1.5)]
    [InlineData(-1.01)]
    public void Validate_SearchMinSimilarityOutOfRange_IsRejected(double minSimilarity)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => MemoryRecordValidator.Validate(Search() with { MinSimilarity = minSimilarity }));

        Assert.Contains("use a number from -1 to 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SearchMinQualityOutOfRange_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MemoryRecordValidator.Validate(Search() with { MinQuality = 2 }));
        MemoryRecordValidator.Validate(Search() with { MinQuality = 1, MinSimilarity = -1 });
    }

    [Fact]
    public void EmptyScoresAndMetadata_CannotBeMutatedThroughACast()
    {
        var record = Valid();

        Assert.False(record.Scores is IDictionary<string, double> { IsReadOnly: false });
        Assert.False(record.Metadata is IDictionary<string, string> { IsReadOnly: false });
    }

    private static Intervention Valid() => new()
    {
        Id = "0123456789abcdef0123456789abcdef",
        UserId = "ana",
        CreatedAt = Now,
        Situation = "tense",
        Kind = "breathing",
        Text = "Breathe with me.",
        Embedding = new[] { 1f, 0f },
        EmbeddingModel = "m",
        ExpiresAt = Now.AddDays(30),
    };

    private static MemorySearchRequest Search() => new() { UserId = "ana", Embedding = new[] { 1f, 0f } };
}
