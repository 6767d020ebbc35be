using Rapport.Memory;

namespace Rapport.Tests.Memory;

public sealed class InterventionOutcomeTextTests
{
    [Theory]
    [InlineData(InterventionOutcome.Unknown, "unknown")]
    [InlineData(InterventionOutcome.Helped, "helped")]
    [InlineData(InterventionOutcome.NotHelped, "not-helped")]
    public void ToText_EveryOutcome_WireName(InterventionOutcome outcome, string expected) => Assert.Equal(expected, outcome.ToText());

    [Fact]
    public void Parse_EveryWireName_RoundTrips()
    {
        foreach (var outcome in Enum.GetValues<InterventionOutcome>())
        {
            Assert.Equal(outcome, InterventionOutcomeText.Parse(outcome.ToText()));
        }
    }

    [Theory]
    [InlineData("helped", InterventionOutcome.Helped)]
    [InlineData(" HELPED ", InterventionOutcome.Helped)]
    [InlineData("not-helped", InterventionOutcome.NotHelped)]
    [InlineData("Not_Helped", InterventionOutcome.NotHelped)]
    [InlineData("nothelped", InterventionOutcome.NotHelped)]
    [InlineData("unknown", InterventionOutcome.Unknown)]
    public void TryParse_AcceptedSpellings_ReturnTheOutcome(string text, InterventionOutcome expected)
    {
        Assert.True(InterventionOutcomeText.TryParse(text, out var outcome));
        Assert.Equal(expected, outcome);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yes")]
    [InlineData("1")]
    [InlineData("not helped")]
    public void TryParse_OtherText_ReturnsFalse(string? text)
    {
        Assert.False(InterventionOutcomeText.TryParse(text, out var outcome));
        Assert.Equal(InterventionOutcome.Unknown, outcome);
    }

    [Fact]
    public void Parse_UnknownName_ListsTheAcceptedNames()
    {
        var error = Assert.Throws<ArgumentException>(() => InterventionOutcomeText.Parse("maybe", "outcome"));

        Assert.StartsWith("Unknown outcome 'maybe': use helped, not-helped or unknown.", error.Message, StringComparison.Ordinal);
        Assert.Equal("outcome", error.ParamName);
    }
}
