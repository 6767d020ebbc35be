using Rapport.Coaching;
using Rapport.Context;
using Rapport.Evaluation.Scorers;

namespace Rapport.Tests.Coaching;

public sealed class OfflineWordingTests
{
    private static readonly MemoryContext Empty = new("ana", "", 0, [], [], [], Truncated: false);
    private static readonly InterventionKindInfo Breathing = InterventionCatalog.Find("breathing")!;

    [Theory]
    [InlineData("I have to present to the whole team tomorrow and my hands are shaking", "you have to present to the whole team tomorrow and your hands are shaking")]
    [InlineData("I'm giving a talk tonight and I feel sick", "you're giving a talk tonight and you feel sick")]
    [InlineData("The release is tomorrow. Half of it is broken", "the release is tomorrow")]
    [InlineData("I\u2019m late and nobody told me, again", "you're late and nobody told you, again")]
    [InlineData("Also work is piling up", "work is piling up")]
    [InlineData("And, honestly, I feel stuck", "you feel stuck")]
    public void Word_ShortSituation_TakesUpThePersonsWordsInTheSecondPerson(string situation, string expected)
    {
        var turn = OfflineWording.Word(Breathing, situation, Empty);

        Assert.Contains(expected, turn, StringComparison.Ordinal);
        Assert.DoesNotContain(" my ", turn, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Also work is piling up", "also work")]
    [InlineData("And, honestly, I feel stuck", "honestly")]
    public void Word_SituationOpeningWithAJoiningWord_DoesNotEchoIt(string situation, string echo)
    {
        var turn = OfflineWording.Word(Breathing, situation, Empty);

        Assert.DoesNotContain(echo, turn, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Word_LongSituation_UsesAPlainOpenerInsteadOfRepeatingItAll()
    {
        var situation = "I have so many things going on this week between work and family and friends that I cannot keep track of any of them";

        var turn = OfflineWording.Word(Breathing, situation, Empty);

        Assert.DoesNotContain("keep track", turn, StringComparison.Ordinal);
        Assert.True(turn.Split(' ').Length <= 40, turn);
    }

    [Theory]
    [InlineData("I have to present to the whole team tomorrow and my hands are shaking")]
    [InlineData("everyone at the office needs something from me right now")]
    [InlineData("my sister and I had a huge fight last night")]
    public void Word_TypicalSituation_ScoresInTheMiddleAndAboveAnUnaskedOrder(string situation)
    {
        // The built-in coach reflects, then suggests an exercise unasked, which the behaviour codes count largely as advice
        // without permission: Rapport's own scorer puts such turns in the middle (asking first, "Would a minute of
        // breathing help?", would score higher), well above a bare unasked order for the same situation.
        var turn = OfflineWording.Word(Breathing, situation, Empty);
        var scorer = new SupportivenessEvaluator();

        var score = scorer.Score(turn, situation).Value;
        var order = scorer.Score("You need to do box breathing right now and stop worrying.", situation).Value;

        Assert.True(score >= 0.4 && score > order + 0.15, $"{score:F2} (order {order:F2}): {turn}");
    }
}
