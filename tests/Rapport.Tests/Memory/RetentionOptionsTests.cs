using Rapport.Memory;

namespace Rapport.Tests.Memory;

public sealed class RetentionOptionsTests
{
    [Fact]
    public void For_EachType_ReturnsItsOwnRetention()
    {
        var retention = new RetentionOptions
        {
            Interventions = TimeSpan.FromDays(1), Reflections = TimeSpan.FromDays(2), Profiles = TimeSpan.FromDays(3),
        };

        Assert.Equal(TimeSpan.FromDays(1), retention.For(RecordType.Intervention));
        Assert.Equal(TimeSpan.FromDays(2), retention.For(RecordType.Reflection));
        Assert.Equal(TimeSpan.FromDays(3), retention.For(RecordType.Profile));
        Assert.Throws<ArgumentOutOfRangeException>(() => retention.For((RecordType)9));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(3_651.0)]
    public void Validate_OutOfRange_NamesTheTypeAndTheAcceptedRange(double days)
    {
        var retention = new RetentionOptions { Reflections = TimeSpan.FromDays(days) };

        var error = Assert.Throws<ArgumentOutOfRangeException>(retention.Validate);

        Assert.Contains("The retention of Reflection records must be more than zero and at most 3650 days.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Bounds_AreAccepted()
    {
        new RetentionOptions { Interventions = TimeSpan.FromTicks(1), Profiles = TimeSpan.FromDays(3_650) }.Validate();
    }
}
