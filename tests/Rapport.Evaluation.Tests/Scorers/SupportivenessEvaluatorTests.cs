using Rapport.Evaluation.Scorers;

namespace Rapport.Evaluation.Tests.Scorers;

public sealed class SupportivenessEvaluatorTests
{
    private readonly SupportivenessEvaluator _scorer = new();

    // Self-written coaching turns, not taken from any dataset.
    [Theory]
    [InlineData("That sounds really exhausting, and it makes sense you feel drained. Would you like to take one slow breath with me right now?")]
    [InlineData("I'm so sorry you're carrying this alone. It sounds like the deadline is weighing on you; maybe we could pick one small step for tonight?")]
    [InlineData("It's okay to feel anxious before a big talk. You're not alone in this. How about writing down the one thing you most want to say?")]
    [InlineData("Thank you for telling me. It must be hard to feel ignored at work. What if we try a short walk first, then decide together?")]
    public void Score_SupportiveTurn_ScoresHigh(string text) => Assert.True(_scorer.Score(text).Value >= 0.65, _scorer.Score(text).ToString());

    [Theory]
    [InlineData("The meeting is at three and the report needs two more sections.")]
    [InlineData("I had pasta for lunch today.")]
    [InlineData("hello")]
    public void Score_NeutralOrOffTopicTurn_FailsThePassThreshold(string text) => Assert.True(_scorer.Score(text).Value < 0.4, _scorer.Score(text).ToString());

    [Fact]
    public void Score_TakingUpThePersonsWords_ScoresHigherThanIgnoringThem()
    {
        const string Person = "I can't sleep because my exam is on Monday and I keep panicking.";
        var engaged = _scorer.Score("It sounds like the exam is on your mind, and panicking before an exam makes sense. Would you like to take one slow breath with me?", Person);
        var elsewhere = _scorer.Score("It sounds like the traffic is on your mind, and stress before a long drive makes sense. Would you like to take one slow breath with me?", Person);

        Assert.True(engaged.Value > elsewhere.Value + 0.1, $"{engaged} vs {elsewhere}");
        Assert.Contains("person's words", engaged.Reason, StringComparison.Ordinal);
        Assert.True(engaged.Value >= 0.75, engaged.ToString());
    }

    [Theory]
    [InlineData("Just calm down, it's not a big deal.")]
    [InlineData("Well, it's your own fault for leaving it to the last minute. You always do this.")]
    [InlineData("At least you have a job. Others have it worse, so cheer up.")]
    [InlineData("Stop overthinking. You need to toughen up, obviously.")]
    [InlineData("ok")]
    public void Score_HarmfulOrEmptyTurn_ScoresLow(string text) => Assert.True(_scorer.Score(text).Value <= 0.2, _scorer.Score(text).ToString());

    [Fact]
    public void Score_NegatedBlame_IsNotPenalized()
    {
        var kind = _scorer.Score("This is not your fault, and it makes sense you're upset.");
        var blaming = _scorer.Score("This is your fault, and you're upset.");

        Assert.True(kind.Value > blaming.Value + 0.3, $"{kind} vs {blaming}");
        Assert.DoesNotContain("blaming", kind.Reason, StringComparison.Ordinal);
        Assert.Contains("blaming", blaming.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_Reason_NamesCuesFound()
    {
        var score = _scorer.Score("That sounds hard. You need to relax, at least it's Friday.");

        Assert.Contains("validation", score.Reason, StringComparison.Ordinal);
        Assert.Contains("preachy", score.Reason, StringComparison.Ordinal);
        Assert.Contains("minimizing", score.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_EmptyResponse_ScoresZero() => Assert.Equal(0, _scorer.Score("").Value);

    [Fact]
    public void Score_VeryLongResponse_StaysInRangeAndStopsGrowingAt60Words()
    {
        var turn = "That sounds hard and it makes sense you feel tired. ";
        var sixty = _scorer.Score(string.Concat(Enumerable.Repeat(turn, 6)) + "Would you like to take one slow breath?").Value;
        var many = _scorer.Score(string.Concat(Enumerable.Repeat(turn, 500)) + "Would you like to take one slow breath?").Value;

        Assert.InRange(many, 0, 1);
        Assert.Equal(sixty, many, 6);
    }

    [Fact]
    public void Score_NonEnglishText_ScoresBaselineAndSaysWhy()
    {
        var score = _scorer.Score("Это звучит очень тяжело. Давай сделаем медленный вдох вместе?");

        Assert.InRange(score.Value, 0.1, 0.5);
        Assert.Contains("English", score.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_WarmEmoji_CountsAsWarmth()
    {
        var plain = _scorer.Score("That sounds hard.").Value;
        var warm = _scorer.Score("That sounds hard 💙").Value;

        Assert.True(warm > plain);
    }

    [Fact]
    public void Score_MarkupAroundSupportiveText_ScoresLikePlainText()
    {
        var plain = _scorer.Score("That sounds really hard. Would you like to try one slow breath?").Value;
        var marked = _scorer.Score("<b>That sounds really hard.</b> *Would you like to* [try one slow breath](x)?").Value;

        Assert.Equal(plain, marked, 3);
    }

    [Fact]
    public void Score_IsDeterministic() =>
        Assert.Equal(_scorer.Score("I hear you. Let's take a short break.").Value, new SupportivenessEvaluator().Score("I hear you. Let's take a short break.").Value);
}
