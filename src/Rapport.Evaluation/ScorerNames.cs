namespace Rapport.Evaluation;

/// <summary>The metric names Rapport's scorers report, as stored in <c>Intervention.Scores</c>.</summary>
public static class ScorerNames
{
    /// <summary>How short a spoken coaching turn is.</summary>
    public const string Brevity = "brevity";

    /// <summary>How supportive a turn is, by the offline scorer (a small fitted model over English cues).</summary>
    public const string Supportiveness = "supportiveness";

    /// <summary>Whether the right tool was called with valid arguments, or none when none was needed.</summary>
    public const string ToolUsage = "tool_usage";

    /// <summary>The weighted combination of the other scores; what memory stores as the quality.</summary>
    public const string Quality = "quality";

    /// <summary>How supportive a turn is, by an LLM judge.</summary>
    public const string SupportivenessJudge = "supportiveness_judge";
}
