using System.Diagnostics;

namespace Rapport.Evaluation;

/// <summary>Publishes scores to tracing as <c>gen_ai.evaluation.result</c> events (OpenTelemetry GenAI conventions).</summary>
/// <remarks>
/// Events go on <see cref="Activity.Current"/> and only when it is recorded, so nothing is allocated when tracing
/// is off. Events carry the metric name, value and label, never user text.
/// </remarks>
public static class EvaluationTelemetry
{
    /// <summary>The event name.</summary>
    public const string EventName = "gen_ai.evaluation.result";

    /// <summary>The attribute holding the metric name.</summary>
    public const string NameAttribute = "gen_ai.evaluation.name";

    /// <summary>The attribute holding the score value.</summary>
    public const string ScoreValueAttribute = "gen_ai.evaluation.score.value";

    /// <summary>The attribute holding the score label (for example <c>good</c> or <c>failed</c>).</summary>
    public const string ScoreLabelAttribute = "gen_ai.evaluation.score.label";

    /// <summary>The attribute holding why a score could not be produced.</summary>
    public const string ErrorTypeAttribute = "error.type";

    /// <summary>Adds one evaluation result event to the current activity, if it is recorded.</summary>
    public static void RecordScore(string name, double? value, string? label, string? errorType = null)
    {
        var activity = Activity.Current;
        if (activity is null || !activity.IsAllDataRequested)
        {
            return;
        }

        var tags = new ActivityTagsCollection { [NameAttribute] = name };
        if (value is { } v)
        {
            tags[ScoreValueAttribute] = Math.Round(v, 4);
        }

        tags[ScoreLabelAttribute] = label ?? (value is { } s ? ScoreInterpretation.Label(s) : "failed");
        if (errorType is not null)
        {
            tags[ErrorTypeAttribute] = errorType;
        }

        activity.AddEvent(new ActivityEvent(EventName, tags: tags));
    }
}
