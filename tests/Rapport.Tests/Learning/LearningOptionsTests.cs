using Rapport.Learning;

namespace Rapport.Tests.Learning;

public sealed class LearningOptionsTests
{
    [Fact]
    public void Validate_OutcomeMetricOptionsOutOfRange_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(new LearningOptions { OutcomeSimilarityMidpoint = 1.5 }.Validate);
        Assert.Throws<ArgumentOutOfRangeException>(new LearningOptions { OutcomeSimilarityMidpoint = double.NaN }.Validate);
        Assert.Throws<ArgumentOutOfRangeException>(new LearningOptions { OutcomeMetricDimensions = 0 }.Validate);
        Assert.Throws<ArgumentOutOfRangeException>(new LearningOptions { OutcomeMetricMinimumUsers = 0 }.Validate);
        Assert.Throws<ArgumentOutOfRangeException>(new LearningOptions { OutcomeMetricSamples = 1 }.Validate);
        Assert.Throws<ArgumentOutOfRangeException>(new LearningOptions { OutcomeMetricRefresh = TimeSpan.FromSeconds(-1) }.Validate);
        new LearningOptions().Validate();
    }
}
