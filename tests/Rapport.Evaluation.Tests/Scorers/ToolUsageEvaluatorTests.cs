using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Rapport.Evaluation;
using Rapport.Evaluation.Scorers;

namespace Rapport.Evaluation.Tests.Scorers;

public sealed class ToolUsageEvaluatorTests
{
    private static readonly ExpectedToolContext Breathing = new("start_breathing_exercise", ["duration_seconds"]);

    private static ChatResponse Reply(string text, params FunctionCallContent[] calls) =>
        new(new ChatMessage(ChatRole.Assistant, [new TextContent(text), .. calls]));

    private static FunctionCallContent Call(string name, Dictionary<string, object?>? arguments = null) => new("c1", name, arguments);

    [Fact]
    public void Score_RightToolWithArguments_ScoresOne() =>
        Assert.Equal(1, ToolUsageEvaluator.Score(Reply("Let's breathe.", Call("start_breathing_exercise", new() { ["duration_seconds"] = 60 })), Breathing).Value);

    [Fact]
    public void Score_ArgumentsAsJsonElements_AreValidated()
    {
        var args = JsonSerializer.Deserialize<Dictionary<string, object?>>("""{"duration_seconds": 60}""");
        var empty = JsonSerializer.Deserialize<Dictionary<string, object?>>("""{"duration_seconds": null}""");

        Assert.Equal(1, ToolUsageEvaluator.Score(Reply("", Call("start_breathing_exercise", args)), Breathing).Value);
        Assert.Equal(0.5, ToolUsageEvaluator.Score(Reply("", Call("start_breathing_exercise", empty)), Breathing).Value);
    }

    [Fact]
    public void Score_MissingArgument_ScoresHalfAndNamesIt()
    {
        var score = ToolUsageEvaluator.Score(Reply("", Call("start_breathing_exercise")), Breathing);

        Assert.Equal(0.5, score.Value);
        Assert.Contains("duration_seconds", score.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_WrongTool_ScoresZero() =>
        Assert.Equal(0, ToolUsageEvaluator.Score(Reply("", Call("suggest_break")), Breathing).Value);

    [Fact]
    public void Score_NoCallWhenOneWasExpected_ScoresZero() =>
        Assert.Equal(0, ToolUsageEvaluator.Score(Reply("Try breathing."), Breathing).Value);

    [Fact]
    public void Score_NoToolNeeded_NoneCalled_ScoresOne() =>
        Assert.Equal(1, ToolUsageEvaluator.Score(Reply("That sounds hard."), ExpectedToolContext.None).Value);

    [Fact]
    public void Score_NoToolNeeded_OneCalled_ScoresZero() =>
        Assert.Equal(0, ToolUsageEvaluator.Score(Reply("", Call("start_breathing_exercise")), ExpectedToolContext.None).Value);

    [Fact]
    public void Score_ExpectedPlusExtraCall_ScoresPartly() =>
        Assert.Equal(0.75, ToolUsageEvaluator.Score(
            Reply("", Call("start_breathing_exercise", new() { ["duration_seconds"] = 30 }), Call("suggest_break")), Breathing).Value);

    [Fact]
    public async Task EvaluateAsync_WithoutExpectation_IsNotApplicableWithDiagnostic()
    {
        var result = await new ToolUsageEvaluator().EvaluateAsync([], Reply("hi"), cancellationToken: TestContext.Current.CancellationToken);

        var metric = result.Get<NumericMetric>(ScorerNames.ToolUsage);
        Assert.Null(metric.Value);
        Assert.Contains(metric.Diagnostics!, d => d.Severity == EvaluationDiagnosticSeverity.Informational);
    }

    [Fact]
    public async Task EvaluateAsync_WithExpectation_ReadsItFromContext()
    {
        var result = await new ToolUsageEvaluator().EvaluateAsync([], Reply("", Call("suggest_break")), additionalContext: [Breathing], cancellationToken: TestContext.Current.CancellationToken);

        var metric = result.Get<NumericMetric>(ScorerNames.ToolUsage);
        Assert.Equal(0, metric.Value);
        Assert.True(metric.Interpretation!.Failed);
    }
}
