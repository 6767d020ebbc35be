using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Rapport.Memory;
using Rapport.Telemetry;

namespace Rapport.Recording;

/// <summary>Scores an intervention with the configured scorers and records it with every score and its overall quality.</summary>
/// <remarks>
/// <para>
/// Scorers are <see cref="IEvaluator"/>s. The overall quality is the value of a <c>quality</c> metric when a scorer
/// reports one (Rapport's weighted quality scorer does), otherwise the mean of the other numeric metrics. An
/// intervention whose quality is below <see cref="RecordingOptions.QualityThreshold"/> is stored with the metadata
/// <see cref="RecordingOptions.LowQualityKey"/> so that it is kept for learning but never offered as a past success.
/// </para>
/// <para>Thread-safe when the scorers are. A scorer that throws fails the call and nothing is stored.</para>
/// </remarks>
internal sealed class InterventionRecorder
{
    private readonly RapportMemory _memory;
    private readonly IReadOnlyList<IEvaluator> _scorers;
    private readonly RecordingOptions _options;

    /// <summary>Creates the recorder over the memory service and the scorers (none: stored unscored).</summary>
    public InterventionRecorder(RapportMemory memory, IEnumerable<IEvaluator>? scorers = null, RecordingOptions? options = null)
    {
        _memory = memory ?? throw new ArgumentNullException(nameof(memory));
        _scorers = scorers?.ToList() ?? [];
        _options = options ?? new RecordingOptions();
        _options.Validate();
    }

    /// <summary>Gets the quality threshold in effect.</summary>
    public double QualityThreshold => _options.QualityThreshold;

    /// <summary>Scores and records an intervention given as the conversation and the agent's response.</summary>
    /// <param name="intervention">What to store; its scores and quality are replaced by the evaluation's.</param>
    /// <param name="messages">The conversation the agent answered (the situation is usually the last user message).</param>
    /// <param name="response">The agent's response, with any tool calls.</param>
    /// <param name="additionalContext">Context for the scorers, for example the expected tool.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    public async Task<RecordedIntervention> RecordAsync(
        NewIntervention intervention,
        IEnumerable<ChatMessage> messages,
        ChatResponse response,
        IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(intervention);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(response);
        Storage.MemoryRecordValidator.Validate(intervention);
        using var activity = RapportTelemetry.Source.StartActivity(RapportTelemetryNames.LoopRecordSpan);
        var messageList = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var contextList = additionalContext as IReadOnlyList<EvaluationContext> ?? additionalContext?.ToList();
        var metrics = new List<EvaluationMetric>();
        foreach (var scorer in _scorers)
        {
            var result = await scorer.EvaluateAsync(messageList, response, null, contextList, cancellationToken).ConfigureAwait(false);
            metrics.AddRange(result.Metrics.Values);
        }

        if (activity is not null || RapportInstruments.EvaluationScore.Enabled)
        {
            // One gen_ai.evaluation.result event per score, on the span that scored it.
            foreach (var metric in metrics)
            {
                RapportTelemetry.RecordEvaluationResult(activity, metric, _memory.TelemetryPrivacy.IncludeSensitiveData);
            }
        }

        var evaluation = new EvaluationResult(metrics);
        var (scores, quality) = Summarize(metrics);
        var lowQuality = quality is { } q && q < _options.QualityThreshold;
        var metadata = new Dictionary<string, string>(intervention.Metadata ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        if (lowQuality)
        {
            metadata[RecordingOptions.LowQualityKey] = "true";
        }

        var stored = await _memory.RecordAsync(intervention with { Scores = scores, Quality = quality, Metadata = metadata }, cancellationToken)
            .ConfigureAwait(false);
        return new RecordedIntervention(stored, evaluation, lowQuality);
    }

    /// <summary>Scores and records an intervention whose situation is the user's turn and whose text (and tool) is the agent's.</summary>
    public Task<RecordedIntervention> RecordAsync(NewIntervention intervention, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(intervention);
        var reply = new ChatMessage(ChatRole.Assistant, intervention.Text);
        if (intervention.Tool is { } tool)
        {
            reply.Contents.Add(new FunctionCallContent("call-" + tool, tool, new Dictionary<string, object?> { ["kind"] = intervention.Kind }));
        }

        return RecordAsync(intervention, [new ChatMessage(ChatRole.User, intervention.Situation)], new ChatResponse(reply), null, cancellationToken);
    }

    private static (Dictionary<string, double> Scores, double? Quality) Summarize(List<EvaluationMetric> metrics)
    {
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        double? quality = null;
        foreach (var metric in metrics)
        {
            if (metric is NumericMetric { Value: { } value } && double.IsFinite(value))
            {
                var clamped = Math.Clamp(value, 0, 1);
                if (metric.Name == RecordingOptions.QualityMetric)
                {
                    quality = clamped;
                }
                else
                {
                    scores[metric.Name] = clamped;
                }
            }
        }

        quality ??= scores.Count > 0 ? scores.Values.Average() : null;
        return (scores, quality);
    }
}
