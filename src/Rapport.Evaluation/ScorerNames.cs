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

    /// <summary>Reflections per question in a conversation (reflections / max(questions, 1)); skilled practice is about 2.</summary>
    public const string ReflectionToQuestionRatio = "reflection_to_question_ratio";

    /// <summary>The share of a conversation's agent turns that are reflections (simple or complex).</summary>
    public const string ReflectionShare = "reflection_share";

    /// <summary>The share of a conversation's reflections that are complex; no value when there is no reflection.</summary>
    public const string ComplexReflectionShare = "complex_reflection_share";

    /// <summary>The share of a conversation's agent turns that give advice or information without permission (lower is better).</summary>
    public const string AdviceWithoutPermissionShare = "advice_without_permission_share";

    /// <summary>The mean supportiveness over a conversation's agent turns.</summary>
    public const string ConversationSupportiveness = "conversation_supportiveness";

    /// <summary>Returns whether a lower value of <paramref name="metric"/> is the better one (comparisons invert their verdict).</summary>
    public static bool LowerIsBetter(string metric) => metric == AdviceWithoutPermissionShare;
}
