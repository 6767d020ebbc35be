using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Rapport.Evaluation;
using Rapport.Evaluation.Datasets;
using Rapport.Evaluation.Runs;
using Rapport.Evaluation.Scorers;
using Rapport.Evaluation.Targets;
using Rapport.Telemetry;

namespace Rapport.Evaluation.Tests.Runs;

public sealed class EvaluationRunnerTests
{
    private static readonly EvaluationDataset Dataset = EvaluationDatasetReader.Parse(
        """
        {"id": "a", "situation": "I can't sleep", "expected_tool": {"name": "start_breathing_exercise", "required_arguments": ["duration_seconds"]}}
        {"id": "b", "situation": "My boss yelled at me", "expected_tool": "none"}
        {"id": "c", "situation": "Nobody recorded me"}
        """, "runner");

    private static readonly RecordedResponsesTarget Target = RecordedResponsesTarget.Parse(
        """
        {"id": "a", "response": "Let's breathe together.", "tool_calls": [{"name": "start_breathing_exercise", "arguments": {"duration_seconds": 60}}]}
        {"id": "b", "response": "That sounds really upsetting. Would you like to talk it through?"}
        """, "recorded:test");

    [Fact]
    public async Task RunAsync_RecordsResponsesScoresAndTargetErrors()
    {
        var progress = new List<EvaluationProgress>();
        var runner = new EvaluationRunner([new QualityEvaluator()], new EvaluationRunOptions { MaxParallelism = 2 });

        var run = await runner.RunAsync(Dataset, Target, new SyncProgress(progress), TestContext.Current.CancellationToken);

        Assert.Equal(["a", "b", "c"], run.Cases.Select(c => c.CaseId).ToArray());
        Assert.Equal("start_breathing_exercise", Assert.Single(run.Cases[0].ToolCalls).Name);
        Assert.Equal(1, run.Cases[0].Scores.Single(s => s.Name == ScorerNames.ToolUsage).Value);
        Assert.Equal(1, run.Cases[1].Scores.Single(s => s.Name == ScorerNames.ToolUsage).Value);
        Assert.Contains("No recorded response for case 'c'", run.Cases[2].Error, StringComparison.Ordinal);
        Assert.All(run.Cases[2].Scores, s => Assert.True(s.IsFailure));
        Assert.Equal(run.Metrics.Count, run.Cases[2].Scores.Count);
        Assert.Equal("recorded:test", run.TargetDescription);
        Assert.Equal(Dataset.ContentHash, run.DatasetHash);
        Assert.Equal(3, progress.Count);
        Assert.Equal(3, progress.Max(p => p.Completed));
        Assert.Equal(1, progress.Max(p => p.Failed));
    }

    [Fact]
    public async Task RunAsync_ScorerThrows_RecordsFailureForEveryMetricOfThatScorer()
    {
        var runner = new EvaluationRunner([new BrevityEvaluator(), new ThrowingScorer()]);

        var run = await runner.RunAsync(Dataset, Target, cancellationToken: TestContext.Current.CancellationToken);

        var scores = run.Cases[0].Scores;
        Assert.Equal(1, scores.Single(s => s.Name == ScorerNames.Brevity).Value);
        Assert.Contains("boom", scores.Single(s => s.Name == "broken").Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TranscriptCase_ScoresTheRecordedConversationWithoutAskingTheTarget()
    {
        var dataset = EvaluationDatasetReader.Parse(
            """
            {"id": "t", "transcript": [{"role": "user", "content": "I never get a break at work."}, {"role": "assistant", "content": "No room to breathe."}, {"role": "user", "content": "None."}, {"role": "assistant", "content": "What would a break even look like for you?"}, {"role": "user", "content": "Hm."}]}
            """, "conversations");
        var runner = new EvaluationRunner([new BrevityEvaluator(), new ConversationBehaviourEvaluator()]);

        var run = await runner.RunAsync(dataset, Target, cancellationToken: TestContext.Current.CancellationToken);

        var result = Assert.Single(run.Cases);
        Assert.Null(result.Error);
        Assert.Equal("What would a break even look like for you?", result.Response);
        Assert.Equal(1, result.Scores.Single(s => s.Name == ScorerNames.Brevity).Value);
        Assert.Contains("in 2 agent turns", result.Scores.Single(s => s.Name == ScorerNames.ConversationSupportiveness).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_WhenTraced_EmitsEvaluationResultEvents()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == "Rapport.Tests.Evaluation",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource("Rapport.Tests.Evaluation");
        using var activity = source.StartActivity("eval");
        var runner = new EvaluationRunner([new BrevityEvaluator()], new EvaluationRunOptions { MaxParallelism = 1 });

        await runner.RunAsync(Dataset, Target, cancellationToken: TestContext.Current.CancellationToken);

        var events = activity!.Events.Where(e => e.Name == RapportTelemetryNames.GenAIEvaluationResultEvent).ToList();
        Assert.Equal(3, events.Count);
        var first = events[0].Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.Equal(ScorerNames.Brevity, first[RapportTelemetryNames.GenAIEvaluationName]);
        Assert.Equal(1.0, first[RapportTelemetryNames.GenAIEvaluationScoreValue]);
        Assert.Equal("exceptional", first[RapportTelemetryNames.GenAIEvaluationScoreLabel]);
        Assert.DoesNotContain(events.SelectMany(e => e.Tags), t => t.Value is string s && s.Contains("breathe", StringComparison.Ordinal));
    }

    private sealed class SyncProgress(List<EvaluationProgress> into) : IProgress<EvaluationProgress>
    {
        public void Report(EvaluationProgress value)
        {
            lock (into)
            {
                into.Add(value);
            }
        }
    }

    private sealed class ThrowingScorer : IEvaluator
    {
        public IReadOnlyCollection<string> EvaluationMetricNames => ["broken"];

        public ValueTask<EvaluationResult> EvaluateAsync(IEnumerable<ChatMessage> messages, ChatResponse modelResponse, ChatConfiguration? chatConfiguration = null, IEnumerable<EvaluationContext>? additionalContext = null, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("boom");
    }
}
