using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Rapport.Evaluation.Internal;

namespace Rapport.Evaluation.Judges;

/// <summary>Scores a response with an LLM judge against a rubric (1-5, reported as 0..1), robustly.</summary>
/// <remarks>
/// Calls go through Microsoft.Extensions.AI's distributed cache (<see cref="JudgeOptions.Cache"/>, keyed by the
/// request, the judge id and the rubric; only replies with a usable score are kept) around
/// <see cref="ResilientChatClient"/> (retries with jitter and <c>Retry-After</c>, bounded in-flight calls, per-attempt
/// timeout), so the same input and judge give the same result without a call. Each evaluation runs under its own
/// cancellation token. A score is never dropped: when the judge fails after its retries or answers without a score,
/// the metric has no value, an error diagnostic and a failed interpretation, which runs count as a failed score.
/// Thread-safe. It does not own the chat client.
/// </remarks>
// CA1001: the pipeline only wraps the caller's client (which the caller disposes); its limiter holds no wait handle.
#pragma warning disable CA1001
public sealed class RubricJudgeEvaluator : IEvaluator
#pragma warning restore CA1001
{
    private static readonly ChatOptions JudgeChatOptions = new() { Temperature = 0, MaxOutputTokens = 300 };
    private readonly IChatClient _pipeline;
    private readonly JudgeRubric _rubric;
    private readonly JudgeOptions _options;

    /// <summary>Creates a judge over <paramref name="judge"/> rating by <paramref name="rubric"/>.</summary>
    public RubricJudgeEvaluator(IChatClient judge, JudgeRubric rubric, JudgeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(judge);
        _rubric = rubric ?? throw new ArgumentNullException(nameof(rubric));
        _options = options ?? new JudgeOptions();
        _options.Validate();
        var metadata = judge.GetService<ChatClientMetadata>();
        var judgeId = _options.JudgeId ?? $"{metadata?.ProviderName}/{metadata?.ProviderUri}/{metadata?.DefaultModelId}";
        var cache = _options.Cache ?? new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        _pipeline = new JudgeVerdictCachingChatClient(new ResilientChatClient(judge, _options.Retry, _options.MaxConcurrency), cache)
        {
            CacheKeyAdditionalValues = [judgeId, rubric.MetricName],
        };
        EvaluationMetricNames = [rubric.MetricName];
    }
    /// <summary>Creates the supportiveness judge (<see cref="JudgeRubric.Supportiveness"/>).</summary>
    public static RubricJudgeEvaluator ForSupportiveness(IChatClient judge, JudgeOptions? options = null) =>
        new(judge, JudgeRubric.Supportiveness, options);

    /// <inheritdoc/>
    public IReadOnlyCollection<string> EvaluationMetricNames { get; }

    /// <inheritdoc/>
    public async ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(modelResponse);
        var prompt = BuildPrompt(messages, modelResponse.Text);
        try
        {
            var verdict = await JudgeAsync(prompt, cancellationToken).ConfigureAwait(false);
            return new EvaluationResult(ScoreInterpretation.CreateMetric(_rubric.MetricName, verdict.Score, verdict.Reason, _rubric.PassThreshold));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var error = e is FormatException
                ? $"judge answered without a usable score: {e.Message}"
                : $"judge call failed after up to {_options.Retry.MaxAttempts} attempts: {e.GetType().Name}: {e.Message}";
            return new EvaluationResult(ScoreInterpretation.CreateFailedMetric(_rubric.MetricName, error));
        }
    }

    private async Task<JudgeVerdict> JudgeAsync(string prompt, CancellationToken cancellationToken)
    {
        List<ChatMessage> request =
        [
            new(ChatRole.System,
                "You evaluate replies of a supportive coaching assistant. " + _rubric.Criteria
                + " Answer only with JSON: {\"score\": <integer 1-5>, \"reason\": \"<one short sentence>\"}."),
            new(ChatRole.User, prompt),
        ];
        var response = await _pipeline.GetResponseAsync(request, JudgeChatOptions.Clone(), cancellationToken).ConfigureAwait(false);
        return JudgeReplyParser.Parse(response.Text);
    }

    private static string BuildPrompt(IEnumerable<ChatMessage> messages, string response)
    {
        var text = new StringBuilder("Conversation:\n");
        foreach (var message in messages)
        {
            text.Append(CultureInfo.InvariantCulture, $"{message.Role}: {message.Text}\n");
        }

        return text.Append("\nReply to rate:\n").Append(response).ToString();
    }
}
