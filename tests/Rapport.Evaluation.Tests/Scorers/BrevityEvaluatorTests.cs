using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Rapport.Evaluation;
using Rapport.Evaluation.Scorers;

namespace Rapport.Evaluation.Tests.Scorers;

public sealed class BrevityEvaluatorTests
{
    private readonly BrevityEvaluator _scorer = new();

    [Theory]
    [InlineData("That sounds exhausting. Want to take one slow breath with me?")]
    [InlineData("I'm here with you.")]
    [InlineData("Let's pause for a moment 🙂")]
    public void Score_ShortTurn_ScoresOne(string text) => Assert.Equal(1, _scorer.Score(text).Value);

    [Fact]
    public void Score_FourSentences_DeclinesGracefully()
    {
        var score = _scorer.Score("That sounds hard. I hear you. Let's breathe together. Then we can plan.");

        Assert.Equal(0.5, score.Value, 3);
        Assert.Contains("4 sentences", score.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_VeryLongResponse_ScoresLowButNotZero()
    {
        var text = string.Join(" ", Enumerable.Repeat("I understand that this week has been a lot for you.", 60));

        var score = _scorer.Score(text).Value;

        Assert.InRange(score, 0.0001, 0.1);
    }

    [Fact]
    public void Score_LongerResponses_ScoreMonotonicallyLower()
    {
        var scores = new[] { 40, 60, 80, 160 }.Select(n => _scorer.Score(string.Join(" ", Enumerable.Repeat("word", n)) + ".").Value).ToList();

        Assert.Equal(scores.OrderDescending(), scores);
        Assert.Equal(1, scores[0]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Score_EmptyResponse_ScoresZero(string? text)
    {
        var score = _scorer.Score(text);

        Assert.Equal(0, score.Value);
        Assert.Equal("empty response", score.Reason);
    }

    [Fact]
    public void Score_Markup_IsStrippedBeforeCounting()
    {
        var score = _scorer.Score("<p>**That sounds hard.**</p>\n\n- Want to [breathe together](https://example.org)?");

        Assert.Equal(1, score.Value);
        Assert.Contains("7 words, 2 sentences", score.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_NonEnglishText_CountsWordsAndSentences()
    {
        Assert.Equal(1, _scorer.Score("Das klingt anstrengend. Magst du kurz mit mir atmen?").Value);
        Assert.Equal(1, _scorer.Score("それは大変でしたね。一緒に深呼吸しましょう。").Value);
        Assert.True(_scorer.Score("それは大変でしたね。一緒に深呼吸しましょう。少し休みましょう。今日はもう十分です。").Value < 1);
    }

    [Fact]
    public void Score_DecimalNumbers_AreNotSentenceEnds()
    {
        Assert.Contains("1 sentences", _scorer.Score("Try breathing for 2.5 minutes").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_AreConfigurable()
    {
        var strict = new BrevityEvaluator(new BrevityOptions { MaxSentences = 1, MaxWords = 5, Steepness = 2 });

        Assert.Equal(0.25, strict.Score("One. Two.").Value, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BrevityEvaluator(new BrevityOptions { MaxWords = 0 }));
    }

    [Fact]
    public async Task EvaluateAsync_ReturnsInterpretedMetric()
    {
        var result = await _scorer.EvaluateAsync([], new ChatResponse(new ChatMessage(ChatRole.Assistant, "Short and kind.")), cancellationToken: TestContext.Current.CancellationToken);

        var metric = result.Get<NumericMetric>(ScorerNames.Brevity);
        Assert.Equal(1, metric.Value);
        Assert.False(metric.Interpretation!.Failed);
        Assert.Equal(EvaluationRating.Exceptional, metric.Interpretation.Rating);
    }
}
