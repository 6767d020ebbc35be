using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Rapport.Evaluation;
using Rapport.Evaluation.Behaviour;
using Rapport.Evaluation.Scorers;

namespace Rapport.Evaluation.Tests.Scorers;

// Self-written coaching turns, not taken from any dataset.
public sealed class SupportivenessEvaluatorTests
{
    private const string Person = "I can't sleep because my exam is on Monday and I keep panicking about failing it.";
    private readonly SupportivenessEvaluator _scorer = new();

    [Theory]
    [InlineData("Monday feels like it's already here, and sleep is the first thing to go.")]
    [InlineData("So part of you wants to rest, and part of you feels you can't afford to.")]
    [InlineData("You're scared that all the work won't show on the day.")]
    [InlineData("What would help you feel even a little more ready by Monday?")]
    public void Score_ReflectionOrOpenQuestion_ScoresHigh(string turn) =>
        Assert.True(_scorer.Score(turn, Person).Value >= 0.6, _scorer.Score(turn, Person).ToString());

    [Theory]
    [InlineData("You need to stop panicking and just study more.")]
    [InlineData("Honestly, if you keep leaving revision this late you'll end up failing again.")]
    [InlineData("Just calm down, it's not a big deal.")]
    [InlineData("Well, it's your own fault for leaving it to the last minute. You always do this.")]
    public void Score_UnaskedAdviceOrConfronting_ScoresLow(string turn) =>
        Assert.True(_scorer.Score(turn, Person).Value <= 0.4, _scorer.Score(turn, Person).ToString());

    [Fact]
    public void Score_ReflectionAboveUnaskedAdvice_ForTheSameMessage()
    {
        var reflection = _scorer.Score("Monday feels like it's already here, and sleep is the first thing to go.", Person);
        var advice = _scorer.Score("You should put your phone away and go to bed at ten.", Person);

        Assert.True(reflection.Value > advice.Value + 0.3, $"{reflection} vs {advice}");
    }

    [Fact]
    public void Score_AdviceThePersonAskedFor_IsNotPenalisedLikeUnaskedAdvice()
    {
        const string Advice = "One thing that helps some people is writing tomorrow's plan down before bed, so it's out of their head.";

        var asked = _scorer.Score(Advice, "Do you have any tips for getting to sleep before an exam?");
        var unasked = _scorer.Score(Advice, Person);

        Assert.True(asked.Value > unasked.Value + 0.15, $"{asked} vs {unasked}");
    }

    [Fact]
    public void Score_PaddingAdviceWithMoreWords_DoesNotRaiseIt()
    {
        var shortAdvice = _scorer.Score("You should study more.", Person).Value;
        var longAdvice = _scorer.Score(
            "You should study more, and you should also make a proper timetable, stick to it every single day, cut out your phone, " +
            "and go over the past papers until you know every answer by heart.", Person).Value;

        Assert.True(longAdvice <= shortAdvice + 0.05, $"{longAdvice} vs {shortAdvice}");
    }

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
    public void Score_Reason_NamesTheBehaviourAndTheModel()
    {
        var score = _scorer.Score("What would you like to be different by Monday?", Person);

        Assert.Contains("open question", score.Reason, StringComparison.Ordinal);
        Assert.Contains("lexical model", score.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Score_EmptyResponse_ScoresZero(string? turn) => Assert.Equal(0, _scorer.Score(turn).Value);

    [Fact]
    public void Score_VeryLongResponse_StaysInRange()
    {
        var many = _scorer.Score(string.Concat(Enumerable.Repeat("That sounds hard and it makes sense you feel tired. ", 500)), Person).Value;

        Assert.InRange(many, 0, 1);
    }

    [Fact]
    public void Score_NonEnglishText_SaysTheModelReadsEnglish()
    {
        var score = _scorer.Score("Это звучит очень тяжело. Давай сделаем медленный вдох вместе?");

        Assert.InRange(score.Value, 0, 1);
        Assert.Contains("English", score.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_MarkupAroundText_ScoresLikePlainText()
    {
        var plain = _scorer.Score("That sounds really hard. Would you like to try one slow breath?", Person).Value;
        var marked = _scorer.Score("<b>That sounds really hard.</b> *Would you like to* [try one slow breath](x)?", Person).Value;

        Assert.Equal(plain, marked, 3);
    }

    [Fact]
    public async Task EvaluateAsync_MetricCarriesTheCodeTheModelAndEveryProbability()
    {
        var result = await _scorer.EvaluateAsync(
            [new ChatMessage(ChatRole.User, Person)], new ChatResponse(new ChatMessage(ChatRole.Assistant, "Is the exam on Monday morning?")),
            cancellationToken: TestContext.Current.CancellationToken);

        var metric = result.Get<NumericMetric>(ScorerNames.Supportiveness);
        Assert.Equal("closed_question", metric.Metadata![SupportivenessEvaluator.CodeMetadata]);
        Assert.Equal("lexical", metric.Metadata[SupportivenessEvaluator.ModelMetadata]);
        var probabilities = BehaviourCodes.All.Select(c => double.Parse(metric.Metadata["p_" + BehaviourCodes.Name(c)], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(1.0, probabilities.Sum(), 2);
        Assert.Equal(_scorer.Score("Is the exam on Monday morning?", Person).Value, metric.Value!.Value, 4);
    }

    [Fact]
    public void Score_IsDeterministic() =>
        Assert.Equal(_scorer.Score("I hear you. Let's take a short break.").Value, new SupportivenessEvaluator().Score("I hear you. Let's take a short break.").Value);
}
