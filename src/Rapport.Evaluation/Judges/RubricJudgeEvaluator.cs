using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Rapport.Evaluation.Internal;

namespace Rapport.Evaluation.Judges;

/// <summary>Scores a response with an LLM judge against a rubric (1-5, reported as 0..1), robustly.</summary>
/// <remarks>
/// Calls go through <see cref="RetryingChatClient"/> (rate limits and timeouts, exponential backoff) around
/// <see cref="ConcurrencyLimitedChatClient"/> (bounded in-flight calls), and verdicts are cached by judge, rubric
/// and input, so the same input and judge give the same result without a call. A score is never dropped: when the
/// judge fails after its retries or answers without a score, the metric has no value, an error diagnostic and a
/// failed interpretation, which runs count as a failed score. Thread-safe. It does not own the chat client.
/// </remarks>
// CA1001: the pipeline only wraps the caller's client (which the caller disposes); its semaphore holds no wait handle.
#pragma warning disable CA1001
public sealed class RubricJudgeEvaluator : IEvaluator
#pragma warning restore CA1001
{
    private static readonly ChatOptions JudgeChatOptions = new() { Temperature = 0, MaxOutputTokens = 300 };
    private readonly RetryingChatClient _pipeline;
    private readonly JudgeRubric _rubric;
    private readonly JudgeOptions _options;
    private readonly JudgeVerdictCache _cache;
    private readonly string _judgeId;

    /// <summary>Creates a judge over <paramref name="judge"/> rating by <paramref name="rubric"/>.</summary>
    public RubricJudgeEvaluator(IChatClient judge, JudgeRubric rubric, JudgeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(judge);
        _rubric = rubric ?? throw new ArgumentNullException(nameof(rubric));
        _options = options ?? new JudgeOptions();
        _options.Validate();
        _cache = _options.Cache ?? new JudgeVerdictCache();
        var metadata = judge.GetService<ChatClientMetadata>();
        _judgeId = _options.JudgeId ?? $"{metadata?.ProviderName}/{metadata?.ProviderUri}/{metadata?.DefaultModelId}";
        _pipeline = new RetryingChatClient(new ConcurrencyLimitedChatClient(judge, _options.MaxConcurrency), _options.Retry);
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
        var key = ContentHash.Of(_judgeId, _rubric.MetricName, _rubric.Criteria, prompt);
        try
        {
            var verdict = await _cache.GetOrAddAsync(key, () => JudgeAsync(prompt, cancellationToken)).ConfigureAwait(false);
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
