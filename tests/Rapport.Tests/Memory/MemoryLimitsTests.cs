using Rapport.Memory;

namespace Rapport.Tests.Memory;

public sealed class MemoryLimitsTests
{
    [Fact]
    public void ValidateText_UpToTheLimit_IsAccepted()
    {
        var text = new string('a', MemoryLimits.MaxTextLength);

        Assert.Same(text, MemoryLimits.ValidateText(text, "situation", "situation"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t\n")]
    public void ValidateText_Blank_SaysItIsEmptyAndWhatIsAccepted(string? text)
    {
        var error = Assert.Throws<ArgumentException>(() => MemoryLimits.ValidateText(text, "situation", "Situation"));

        Assert.Equal("Situation", error.ParamName);
        Assert.StartsWith("The situation is empty: give 1-8,000 characters of text.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8_001)]
    [InlineData(100_000)]
    public void ValidateText_OverTheLimit_SaysLengthAndLimit(int length)
    {
        var error = Assert.Throws<ArgumentException>(() => MemoryLimits.ValidateText(new string('x', length), "intervention text", "Text"));

        Assert.StartsWith($"The intervention text has {length:N0} characters: at most 8,000 are accepted.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("breathing")]
    [InlineData("check-in")]
    [InlineData("tool_v1.2")]
    public void ValidateName_Accepted(string name) => Assert.Equal(name, MemoryLimits.ValidateName(name, "kind", "Kind"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("a*")]
    [InlineData("atmung-ü")]
    public void ValidateName_Rejected_SaysWhatIsAccepted(string? name)
    {
        var error = Assert.Throws<ArgumentException>(() => MemoryLimits.ValidateName(name, "kind", "Kind"));

        Assert.Contains("use 1-64 characters of ASCII letters, digits and _ - .", error.Message, StringComparison.Ordinal);
        Assert.Equal("Kind", error.ParamName);
    }

    [Fact]
    public void ValidateName_65Characters_IsRejected()
    {
        Assert.Equal(64, MemoryLimits.ValidateName(new string('k', 64), "kind", "Kind").Length);
        Assert.Throws<ArgumentException>(() => MemoryLimits.ValidateName(new string('k', 65), "kind", "Kind"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    [InlineData(5)]
    public void ValidateRating_NoneOrOneToFive_IsAccepted(int? rating) => Assert.Equal(rating, MemoryLimits.ValidateRating(rating));

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(9)]
    [InlineData(-1)]
    public void ValidateRating_OutsideOneToFive_SaysWhatIsAccepted(int rating)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => MemoryLimits.ValidateRating(rating));

        Assert.StartsWith($"Invalid rating {rating}: use a whole number from 1 to 5.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void ValidateScore_ZeroToOne_IsAccepted(double score) => Assert.Equal(score, MemoryLimits.ValidateScore(score, "quality", "Quality"));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    public void ValidateScore_OutsideZeroToOne_SaysWhatIsAccepted(double score)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => MemoryLimits.ValidateScore(score, "quality", "Quality"));

        Assert.Contains("use a number from 0 to 1.", error.Message, StringComparison.Ordinal);
        Assert.Equal("Quality", error.ParamName);
    }

    [Fact]
    public void ValidateMetadata_NullOrAtTheLimits_IsAccepted()
    {
        MemoryLimits.ValidateMetadata(null);
        MemoryLimits.ValidateMetadata(Enumerable.Range(0, 32).ToDictionary(i => $"key{i}", i => "v"));
        MemoryLimits.ValidateMetadata(new Dictionary<string, string> { [new string('k', 64)] = new string('v', 1_024) });
    }

    [Fact]
    public void ValidateMetadata_TooManyEntries_SaysCountAndLimit()
    {
        var metadata = Enumerable.Range(0, 33).ToDictionary(i => $"key{i}", i => "v");

        var error = Assert.Throws<ArgumentException>(() => MemoryLimits.ValidateMetadata(metadata));

        Assert.StartsWith("33 metadata entries: at most 32 are accepted.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(" ", "v", "Invalid metadata key")]
    [InlineData("kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk", "v", "Invalid metadata key")]
    [InlineData("note", null, "Metadata 'note' has no value")]
    public void ValidateMetadata_BadEntry_SaysWhichAndWhy(string key, string? value, string expected)
    {
        var metadata = new Dictionary<string, string> { [key] = value! };

        var error = Assert.Throws<ArgumentException>(() => MemoryLimits.ValidateMetadata(metadata));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateMetadata_ValueOverTheLimit_IsRejected()
    {
        var metadata = new Dictionary<string, string> { ["note"] = new string('v', 1_025) };

        var error = Assert.Throws<ArgumentException>(() => MemoryLimits.ValidateMetadata(metadata));

        Assert.Contains("over 1,024 characters", error.Message, StringComparison.Ordinal);
    }
}
