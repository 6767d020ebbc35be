using System.Diagnostics;
using System.Diagnostics.Metrics;
using Rapport.Memory;

namespace Rapport.Telemetry;

/// <summary>Rapport's one <see cref="ActivitySource"/> and one <see cref="Meter"/>, and the recording methods other features call.</summary>
/// <remarks>
/// <para>
/// Both are named <see cref="RapportTelemetryNames.SourceName"/> (<c>Rapport</c>): a host listens with
/// <c>AddSource("Rapport")</c> and <c>AddMeter("Rapport")</c>. With no listener every method here returns after
/// one <c>Enabled</c> check and allocates nothing.
/// </para>
/// <para>Thread-safe. The methods never throw for a missing activity: pass <see cref="Activity.Current"/>, which may be null.</para>
/// </remarks>
public static partial class RapportTelemetry
{
    /// <summary>Gets the activity source every Rapport span starts from.</summary>
    public static ActivitySource Source { get; } = new(RapportTelemetryNames.SourceName, typeof(RapportTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Gets the meter every Rapport instrument belongs to.</summary>
    public static Meter Meter { get; } = new(RapportTelemetryNames.SourceName, typeof(RapportTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Records one evaluation result: a <c>gen_ai.evaluation.result</c> event on the span, and the score metric.</summary>
    /// <remarks>The one writer of evaluation events: the loop's recorder, the evaluation runner and hosts all come here.</remarks>
    /// <param name="activity">The span of the evaluated operation (for example the chat response); <see langword="null"/> records the metric only.</param>
    /// <param name="evaluationName">The evaluator's name, for example <c>brevity</c> (<c>gen_ai.evaluation.name</c>).</param>
    /// <param name="scoreValue">The numeric score, or <see langword="null"/> when the evaluator gave only a label.</param>
    /// <param name="scoreLabel">The label, for example <c>pass</c> or <c>good</c>, or <see langword="null"/>.</param>
    /// <param name="explanation">Why the evaluator scored so; this may quote the user, so it is recorded only when
    /// <paramref name="includeSensitiveData"/> is <see langword="true"/>.</param>
    /// <param name="includeSensitiveData">Whether the operator opted in to user text in telemetry.</param>
    /// <param name="errorType">Why no score could be produced (<c>error.type</c>), for example <c>evaluation_failed</c>, or <see langword="null"/>.</param>
    /// <example>
    /// <code>RapportTelemetry.RecordEvaluationResult(Activity.Current, "brevity", 0.8, "pass");</code>
    /// </example>
    public static void RecordEvaluationResult(
        Activity? activity, string evaluationName, double? scoreValue, string? scoreLabel = null,
        string? explanation = null, bool includeSensitiveData = false, string? errorType = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(evaluationName);
        if (activity is { IsAllDataRequested: true })
        {
            activity.AddEvent(CreateEvaluationEvent(evaluationName, scoreValue, scoreLabel, includeSensitiveData ? explanation : null, errorType));
        }

        if (scoreValue is { } value && RapportInstruments.EvaluationScore.Enabled)
        {
            RapportInstruments.EvaluationScore.Record(value, new KeyValuePair<string, object?>(RapportTelemetryNames.GenAIEvaluationName, evaluationName));
        }
    }

    /// <summary>Creates a <c>gen_ai.evaluation.result</c> event; internal so that <see cref="RecordEvaluationResult(Activity?, string, double?, string?, string?, bool, string?)"/>
    /// stays the one writer.</summary>
    /// <param name="evaluationName">The evaluator's name.</param>
    /// <param name="scoreValue">The numeric score, or <see langword="null"/>.</param>
    /// <param name="scoreLabel">The label, or <see langword="null"/>.</param>
    /// <param name="explanation">The explanation, or <see langword="null"/>; pass it only when sensitive data is on.</param>
    /// <param name="errorType">Why no score could be produced, or <see langword="null"/>.</param>
    internal static ActivityEvent CreateEvaluationEvent(
        string evaluationName, double? scoreValue, string? scoreLabel = null, string? explanation = null, string? errorType = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(evaluationName);
        var tags = new ActivityTagsCollection { [RapportTelemetryNames.GenAIEvaluationName] = evaluationName };
        if (scoreValue is { } value)
        {
            tags[RapportTelemetryNames.GenAIEvaluationScoreValue] = value;
        }

        if (scoreLabel is not null)
        {
            tags[RapportTelemetryNames.GenAIEvaluationScoreLabel] = scoreLabel;
        }

        if (explanation is not null)
        {
            tags[RapportTelemetryNames.GenAIEvaluationExplanation] = explanation;
        }

        if (errorType is not null)
        {
            tags[RapportTelemetryNames.ErrorType] = errorType;
        }

        return new ActivityEvent(RapportTelemetryNames.GenAIEvaluationResultEvent, tags: tags);
    }

    /// <summary>Records the size of the memory context injected into a prompt (<c>rapport.context.tokens</c>), and tags the span.</summary>
    /// <param name="activity">The span of the context-building operation, or <see langword="null"/>.</param>
    /// <param name="tokens">The context's size in tokens.</param>
    public static void RecordContextTokens(Activity? activity, int tokens)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tokens);
        activity?.SetTag(RapportTelemetryNames.ContextTokens, tokens);
        if (RapportInstruments.ContextTokens.Enabled)
        {
            RapportInstruments.ContextTokens.Record(tokens);
        }
    }

    /// <summary>Records how many entries wait in a store's outbox now (<c>rapport.outbox.depth</c>, a gauge).</summary>
    /// <param name="dataSourceId">The store, for example <c>redis</c> (<c>gen_ai.data_source.id</c>).</param>
    /// <param name="depth">The number of entries waiting.</param>
    public static void RecordOutboxDepth(string dataSourceId, long depth)
    {
        if (RapportInstruments.OutboxDepth.Enabled)
        {
            RapportInstruments.OutboxDepth.Record(depth, new KeyValuePair<string, object?>(RapportTelemetryNames.GenAIDataSourceId, dataSourceId));
        }
    }

    /// <summary>Counts a failed store operation (<c>rapport.store.errors</c>).</summary>
    /// <remarks><see cref="TracingMemoryStore"/> counts the failures of the calls it wraps; call this for failures it cannot see,
    /// such as a background outbox flush.</remarks>
    /// <param name="dataSourceId">The store, for example <c>redis</c>.</param>
    /// <param name="operation">The operation, for example <c>outbox.flush</c>.</param>
    /// <param name="error">The failure; only its type is recorded.</param>
    public static void RecordStoreError(string dataSourceId, string operation, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (RapportInstruments.StoreErrors.Enabled)
        {
            RapportInstruments.StoreErrors.Add(
                1,
                new KeyValuePair<string, object?>(RapportTelemetryNames.GenAIDataSourceId, dataSourceId),
                new KeyValuePair<string, object?>(RapportTelemetryNames.Operation, operation),
                new KeyValuePair<string, object?>(RapportTelemetryNames.ErrorType, error.GetType().FullName));
        }
    }

    /// <summary>Counts stored records of one type (<c>rapport.memory.stored</c>).</summary>
    /// <param name="type">The record type.</param>
    /// <param name="count">How many were stored.</param>
    public static void RecordStored(RecordType type, long count)
    {
        if (RapportInstruments.Stored.Enabled && count > 0)
        {
            RapportInstruments.Stored.Add(count, new KeyValuePair<string, object?>(RapportTelemetryNames.RecordType, RecordTypeName(type)));
        }
    }

    internal static string RecordTypeName(RecordType type) => type switch
    {
        RecordType.Intervention => "intervention",
        RecordType.Reflection => "reflection",
        RecordType.Profile => "profile",
        _ => "unknown",
    };
}
