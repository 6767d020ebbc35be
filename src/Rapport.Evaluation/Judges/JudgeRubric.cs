namespace Rapport.Evaluation.Judges;

/// <summary>What an LLM judge is asked to rate, on a 1-5 scale, and the metric it reports.</summary>
/// <param name="MetricName">The metric name the judge reports, for example <c>supportiveness_judge</c>.</param>
/// <param name="Criteria">What a 5 and a 1 look like, in plain words.</param>
/// <param name="PassThreshold">The normalized score (0..1) below which a response fails.</param>
public sealed record JudgeRubric(string MetricName, string Criteria, double PassThreshold = 0.6)
{
    /// <summary>Gets the rubric of the supportiveness judge: the same behaviour definitions as the offline scorer (docs/evaluation.md).</summary>
    public static JudgeRubric Supportiveness { get; } = new(
        ScorerNames.SupportivenessJudge,
        "Rate how supportive the coach's reply is, judged by what it does with what the person just said, using these "
        + "counselling behaviours (motivational-interviewing codes). Complex reflection: a statement that adds meaning the "
        + "person implied (a feeling, a value, both sides of mixed feelings, a continuation of their sentence, or a summary "
        + "of several things they said). Simple reflection: a statement giving back what they said, adding little; short "
        + "fragments count. A question that sounds reflective is a closed question, not a reflection. Affirmation: "
        + "recognises a specific strength, effort or value of the person. Seeking collaboration: asks permission before "
        + "advising, or leaves the decision with the person. Open question: invites their own words; closed question: "
        + "asks yes/no or a fact. Advice or information with permission: the person asked for it or agreed to hear it; "
        + "this is not a fault. Advice or information without permission: tells them what to do or what is true, unasked "
        + "(including 'it sounds like you should...'). Persuading or confronting: arguing, warning, lecturing, shaming, "
        + "labelling, minimising or blaming. Length is not quality: a short accurate reflection can be a 5. "
        + "5: a complex reflection or a well-judged mix of reflection and affirmation, no unasked advice. "
        + "4: a simple reflection, an affirmation, seeking collaboration, an open question, or advice the person asked for. "
        + "3: a closed question, filler, generic reassurance or self-disclosure that does not serve the person. "
        + "2: advice or information without permission. 1: persuading, confronting, minimising, blaming or dismissive.");
}
