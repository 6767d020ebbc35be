using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Rapport.Evaluation;
using Rapport.Evaluation.Scorers;

namespace Rapport.Evaluation.Tests.Scorers;

public sealed class QualityEvaluatorTests
{
    private static ChatResponse Reply(string text) => new(new ChatMessage(ChatRole.Assistant, text));

    [Fact]
    public async Task EvaluateAsync_GoodTurn_ScoresHighAndKeepsComponents()
    {
        var result = await new QualityEvaluator().EvaluateAsync(
            [new ChatMessage(ChatRole.User, "I'm exhausted after this week at work.")],
            Reply("That sounds exhausting, and it makes sense after a week like that."),
            additionalContext: [ExpectedToolContext.None], cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.GetQuality() >= 0.8, result.GetQuality().ToString());
        var scores = result.ToScores();
        Assert.Equal([ScorerNames.Brevity, ScorerNames.Supportiveness, ScorerNames.ToolUsage], scores.Keys.Order().ToArray());
    }

    [Fact]
    public async Task EvaluateAsync_PoorTurn_ScoresLowAndFails()
    {
        var rant = "Calm down. " + string.Join(" ", Enumerable.Repeat("You need to stop complaining, it is not a big deal.", 10));

        var result = await new QualityEvaluator().EvaluateAsync([], Reply(rant), cancellationToken: TestContext.Current.CancellationToken);

        var quality = result.Get<NumericMetric>(ScorerNames.Quality);
        Assert.True(quality.Value < 0.3, quality.Value.ToString());
        Assert.True(quality.Interpretation!.Failed);
    }

    [Fact]
    public void Combine_UsesConfiguredWeightsAndSkipsMissing()
    {
        var options = new QualityOptions();
        options.Weights.Clear();
        options.Weights["a"] = 3;
        options.Weights["b"] = 1;
        options.Weights["c"] = 5;
        var quality = new QualityEvaluator([], options);

        Assert.Equal(0.75, quality.Combine(new Dictionary<string, double> { ["a"] = 1, ["b"] = 0 }));
        Assert.Null(quality.Combine(new Dictionary<string, double> { ["z"] = 1 }));
    }

    [Fact]
    public async Task EvaluateAsync_NoScorerValues_QualityFailsWithDiagnostic()
    {
        var result = await new QualityEvaluator([new ToolUsageEvaluator()]).EvaluateAsync([], Reply("hi"), cancellationToken: TestContext.Current.CancellationToken);

        var quality = result.Get<NumericMetric>(ScorerNames.Quality);
        Assert.Null(quality.Value);
        Assert.Contains(quality.Diagnostics!, d => d.Severity == EvaluationDiagnosticSeverity.Error);
    }

    [Fact]
    public void Options_RejectNegativeOrAllZeroWeights()
    {
        var options = new QualityOptions();
        options.Weights[ScorerNames.Brevity] = -1;
        Assert.Throws<ArgumentOutOfRangeException>(() => new QualityEvaluator(options: options));
    }
}
