using Rapport.Learning;

namespace Rapport.Tests.Learning;

public sealed class SituationGroupsTests
{
    // A and B alike, B and the current situation C alike, A and C hardly: A joins C through B; D is unlike all of them.
    private static readonly double[,] Chain =
    {
        //  A     B     D     C
        { 1.0,  0.5, -0.3,  0.1 },
        { 0.5,  1.0, -0.3,  0.5 },
        { -0.3, -0.3, 1.0, -0.3 },
        { 0.1,  0.5, -0.3,  1.0 },
    };

    [Fact]
    public void WithCurrent_ChainOfAlikeSituations_JoinsThroughTheMiddleOne()
    {
        var same = SituationGroups.WithCurrent(Chain, threshold: 0);

        Assert.Equal([true, true, false], same);
    }

    [Fact]
    public void WithCurrent_ThresholdAboveTheLinkedAverage_KeepsOnlyTheDirectNeighbour()
    {
        // {A, B} and C average (0.1 + 0.5) / 2 = 0.3: below 0.4 they stay apart, and B pairs with whichever it met first.
        var same = SituationGroups.WithCurrent(Chain, threshold: 0.4);

        Assert.False(same[0]);
        Assert.False(same[2]);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Validate_GroupingWeightOutOfRange_Throws(double weight)
    {
        var options = new LearningOptions { GroupingWeight = weight };

        Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
    }
}
