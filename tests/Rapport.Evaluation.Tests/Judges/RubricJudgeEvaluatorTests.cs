using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.AI.Evaluation;
using Microsoft.Extensions.Time.Testing;
using Rapport.Evaluation;
using Rapport.Evaluation.Comparison;
using Rapport.Evaluation.Datasets;
using Rapport.Evaluation.Judges;
using Rapport.Evaluation.Runs;
using Rapport.Evaluation.Targets;

namespace Rapport.Evaluation.Tests.Judges;

public sealed class RubricJudgeEvaluatorTests
{
    private static JudgeOptions Options(FakeTimeProvider time, int maxAttempts = 3, int concurrency = 3) => new()
    {
        MaxConcurrency = concurrency,
        Retry = new RetryOptions
        {
            MaxAttempts = maxAttempts,
            InitialDelay = TimeSpan.FromSeconds(1),
            MaxDelay = TimeSpan.FromSeconds(8),
            AttemptTimeout = TimeSpan.FromSeconds(10),
            TimeProvider = time,
        },
    };

    private static (EvaluationDataset Dataset, RecordedResponsesTarget Target) Cases(int count)
    {
        var dataset = EvaluationDatasetReader.Parse(
            string.Join("\n", Enumerable.Range(0, count).Select(i => $$"""{"id": "c{{i}}", "situation": "situation {{i}}"}""")), "judge-cases");
        var target = RecordedResponsesTarget.Parse(
            string.Join("\n", Enumerable.Range(0, count).Select(i => $$"""{"id": "c{{i}}", "response": "That sounds hard, number {{i}}."}""")), "recorded:test");
        return (dataset, target);
    }

    [Fact]
    public async Task Run_JudgeFailingThirtyPercent_EveryCaseScoredOrRecordedAsFailed()
    {
        var time = new FakeTimeProvider();
        var judge = new ScriptedJudgeClient(failureRate: 0.3);
        var options = Options(time);
        var evaluator = RubricJudgeEvaluator.ForSupportiveness(judge, options);
        var (dataset, target) = Cases(60);
        var runner = new EvaluationRunner([evaluator], new EvaluationRunOptions { MaxParallelism = 8, TimeProvider = time });

        var run = await FakeClock.RunAsync(time, runner.RunAsync(dataset, target, cancellationToken: TestContext.Current.CancellationToken), TimeSpan.FromSeconds(1));

        Assert.Equal(60, run.Cases.Count);
        var scores = run.Cases.Select(c => Assert.Single(c.Scores, s => s.Name == ScorerNames.SupportivenessJudge)).ToList();
        Assert.All(scores, s => Assert.True(s.Value is not null ^ s.IsFailure, $"{s} is neither scored nor a recorded failure"));
        Assert.All(scores.Where(s => s.Value is not null), s => Assert.Equal(0.75, s.Value!.Value, 3));
        Assert.True(judge.RateLimited > 0 && judge.Hung > 0, "the script must inject both 429s and timeouts");
        Assert.All(judge.CallsPerPrompt.Values, n => Assert.InRange(n, 1, options.Retry.MaxAttempts));
        Assert.InRange(judge.MaxInFlight, 1, options.MaxConcurrency);
        var summary = RunSummary.Of(run).Metric(ScorerNames.SupportivenessJudge)!;
        Assert.Equal(scores.Count(s => s.IsFailure), summary.Failed);
        Assert.Equal(60, summary.Scored + summary.Failed);
    }

    [Fact]
    public async Task Run_JudgeAlwaysFailing_RecordsEveryFailureAfterExactlyMaxAttempts()
    {
        var time = new FakeTimeProvider();
        var judge = new ScriptedJudgeClient(failureRate: 1.0);
        var evaluator = RubricJudgeEvaluator.ForSupportiveness(judge, Options(time, maxAttempts: 3));
        var (dataset, target) = Cases(10);
        var runner = new EvaluationRunner([evaluator], new EvaluationRunOptions { MaxParallelism = 4, TimeProvider = time });

        var run = await FakeClock.RunAsync(time, runner.RunAsync(dataset, target, cancellationToken: TestContext.Current.CancellationToken), TimeSpan.FromSeconds(1));

        Assert.All(run.Cases, c => Assert.Contains("after up to 3 attempts", Assert.Single(c.Scores).Error, StringComparison.Ordinal));
        Assert.Equal(30, judge.Calls);
        Assert.Equal(10, RunSummary.Of(run).FailedScores);
    }

    [Fact]
    public async Task EvaluateAsync_SameInputSameJudge_UsesCacheWithoutCall()
    {
        var judge = new ScriptedJudgeClient(failureRate: 0);
        var evaluator = RubricJudgeEvaluator.ForSupportiveness(judge);
        ChatMessage[] messages = [new(ChatRole.User, "I'm stressed")];
        var reply = new ChatResponse(new ChatMessage(ChatRole.Assistant, "That sounds hard."));
        var ct = TestContext.Current.CancellationToken;

        var first = await evaluator.EvaluateAsync(messages, reply, cancellationToken: ct);
        var second = await evaluator.EvaluateAsync(messages, reply, cancellationToken: ct);
        await evaluator.EvaluateAsync(messages, new ChatResponse(new ChatMessage(ChatRole.Assistant, "Other reply.")), cancellationToken: ct);

        Assert.Equal(2, judge.Calls);
        Assert.Equal(first.Get<NumericMetric>(ScorerNames.SupportivenessJudge).Value, second.Get<NumericMetric>(ScorerNames.SupportivenessJudge).Value);
    }

    [Fact]
    public async Task EvaluateAsync_SharedCacheDifferentJudge_CallsAgain()
    {
        var cache = new MemoryDistributedCache(Microsoft.Extensions.Options.Options.Create(new MemoryDistributedCacheOptions()));
        var a = new ScriptedJudgeClient(0);
        var b = new ScriptedJudgeClient(0);
        ChatMessage[] messages = [new(ChatRole.User, "I'm stressed")];
        var reply = new ChatResponse(new ChatMessage(ChatRole.Assistant, "That sounds hard."));
        var ct = TestContext.Current.CancellationToken;

        await RubricJudgeEvaluator.ForSupportiveness(a, new JudgeOptions { Cache = cache, JudgeId = "judge-a" }).EvaluateAsync(messages, reply, cancellationToken: ct);
        await RubricJudgeEvaluator.ForSupportiveness(b, new JudgeOptions { Cache = cache, JudgeId = "judge-b" }).EvaluateAsync(messages, reply, cancellationToken: ct);

        Assert.Equal(1, a.Calls);
        Assert.Equal(1, b.Calls);
    }

    [Fact]
    public async Task EvaluateAsync_FirstCallerCancelledMidCall_DoesNotPoisonTheCacheForASecondCaller()
    {
        var judge = new FirstCallHangsJudge();
        var evaluator = RubricJudgeEvaluator.ForSupportiveness(judge);
        ChatMessage[] messages = [new(ChatRole.User, "I'm stressed")];
        var reply = new ChatResponse(new ChatMessage(ChatRole.Assistant, "That sounds hard."));
        using var firstCaller = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var first = evaluator.EvaluateAsync(messages, reply, cancellationToken: firstCaller.Token).AsTask();
        await judge.FirstCallStarted.Task.WaitAsync(TestContext.Current.CancellationToken);
        var second = evaluator.EvaluateAsync(messages, reply, cancellationToken: TestContext.Current.CancellationToken).AsTask();
        await firstCaller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal(0.75, (await second).Get<NumericMetric>(ScorerNames.SupportivenessJudge).Value);
        var third = await evaluator.EvaluateAsync(messages, reply, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(0.75, third.Get<NumericMetric>(ScorerNames.SupportivenessJudge).Value);
        Assert.Equal(2, judge.Calls); // the third was answered from the second caller's cached verdict
    }

    [Fact]
    public async Task EvaluateAsync_ReplyWithoutScore_IsNotCached()
    {
        var judge = new ScriptedJudgeClient(0, reply: "I think it is quite nice.");
        var evaluator = RubricJudgeEvaluator.ForSupportiveness(judge);
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok"));

        await evaluator.EvaluateAsync([], response, cancellationToken: TestContext.Current.CancellationToken);
        await evaluator.EvaluateAsync([], response, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, judge.Calls);
    }

    [Fact]
    public async Task EvaluateAsync_ReplyWithoutScore_IsAFailedMetricNotADroppedOne()
    {
        var judge = new ScriptedJudgeClient(0, reply: "I think it is quite nice.");
        var result = await RubricJudgeEvaluator.ForSupportiveness(judge)
            .EvaluateAsync([], new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")), cancellationToken: TestContext.Current.CancellationToken);

        var metric = result.Get<NumericMetric>(ScorerNames.SupportivenessJudge);
        Assert.Null(metric.Value);
        Assert.True(metric.Interpretation!.Failed);
        Assert.Contains(metric.Diagnostics!, d => d.Severity == EvaluationDiagnosticSeverity.Error && d.Message.Contains("without a usable score", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"score": 5, "reason": "great"}""", 1.0)]
    [InlineData("Sure! ```json\n{\"score\": 2, \"reason\": \"cold\"}\n```", 0.25)]
    [InlineData("Score: 3", 0.5)]
    public async Task EvaluateAsync_ParsesJudgeReplies(string reply, double expected)
    {
        var result = await RubricJudgeEvaluator.ForSupportiveness(new ScriptedJudgeClient(0, reply: reply))
            .EvaluateAsync([], new ChatResponse(new ChatMessage(ChatRole.Assistant, "ok")), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(expected, result.Get<NumericMetric>(ScorerNames.SupportivenessJudge).Value!.Value, 3);
    }

    /// <summary>A judge whose first call hangs until its caller cancels; later calls answer 4/5 at once.</summary>
    private sealed class FirstCallHangsJudge() : DelegatingChatClient(new ScriptedJudgeClient(0))
    {
        private int _calls;

        public TaskCompletionSource FirstCallStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Calls => Volatile.Read(ref _calls);

        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                FirstCallStarted.SetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return await base.GetResponseAsync(messages, options, cancellationToken);
        }
    }
}
