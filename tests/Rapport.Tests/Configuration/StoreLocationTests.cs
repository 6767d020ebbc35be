using Rapport.Configuration;

namespace Rapport.Tests.Configuration;

public sealed class StoreLocationTests
{
    [Theory]
    [InlineData("sqlite:/var/lib/rapport/rapport.db", "sqlite", "/var/lib/rapport/rapport.db")]
    [InlineData("sqlite:./rapport.db", "sqlite", "./rapport.db")]
    [InlineData("SQLite: ~/data/r.db ", "sqlite", "~/data/r.db")]
    [InlineData("redis:localhost:6379", "redis", "localhost:6379")]
    public void Parse_SchemeAndTarget_SplitsAtTheFirstColon(string text, string scheme, string target)
    {
        var location = StoreLocation.Parse(text);

        Assert.Equal(new StoreLocation(scheme, target), location);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("rapport.db")]
    [InlineData(":rapport.db")]
    [InlineData("sqlite:")]
    [InlineData("sqlite:   ")]
    public void Parse_Malformed_ShowsTheAcceptedForms(string? text)
    {
        var error = Assert.Throws<ArgumentException>(() => StoreLocation.Parse(text));

        Assert.StartsWith($"Invalid store '{text}': use sqlite:<path> or redis:<host>:<port>.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_RoundTripsThroughParse()
    {
        var location = new StoreLocation("redis", "cache.internal:6380");

        Assert.Equal("redis:cache.internal:6380", location.ToString());
        Assert.Equal(location, StoreLocation.Parse(location.ToString()));
    }
}
