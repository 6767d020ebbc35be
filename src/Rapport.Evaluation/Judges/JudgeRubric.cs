namespace Rapport.Evaluation.Judges;

/// <summary>What an LLM judge is asked to rate, on a 1-5 scale, and the metric it reports.</summary>
/// <param name="MetricName">The metric name the judge reports, for example <c>supportiveness_judge</c>.</param>
/// <param name="Criteria">What a 5 and a 1 look like, in plain words.</param>
/// <param name="PassThreshold">The normalized score (0..1) below which a response fails.</param>
public sealed record JudgeRubric(string MetricName, string Criteria, double PassThreshold = 0.6)
{
    /// <summary>Gets the rubric of the supportiveness judge.</summary>
    public static JudgeRubric Supportiveness { get; } = new(
        ScorerNames.SupportivenessJudge,
        "Rate how supportive the coach's reply is to the person. 5: validates their feelings, is warm, reflects what "
        + "they said, speaks collaboratively without judging, and offers one concrete, gentle next step. 3: polite but "
        + "generic or missing validation. 1: dismissive, blaming, preachy or minimizing.");
}
