namespace Rapport.Evaluation.Behaviour;

/// <summary>What a helper does in one turn, read against the person's previous message (MITI-style behaviour codes).</summary>
/// <remarks>
/// The definitions are in docs/evaluation.md and /design/counselling-behaviour.md; the self-written labelled set
/// (data/counselling-behaviour) uses the same codes, written in snake case (<see cref="BehaviourCodes.Name"/>).
/// </remarks>
public enum BehaviourCode
{
    /// <summary>A statement giving back what the person said, adding little ("Worn out.").</summary>
    SimpleReflection,

    /// <summary>A statement adding meaning the person implied: a feeling, a value, both sides, a continuation, a summary.</summary>
    ComplexReflection,

    /// <summary>A question inviting an answer in the person's own words.</summary>
    OpenQuestion,

    /// <summary>A question asking for yes/no or a fact, including reflective-sounding questions ("So you feel stuck?").</summary>
    ClosedQuestion,

    /// <summary>Recognises a specific strength, effort or value of the person.</summary>
    Affirmation,

    /// <summary>Asks permission before advising, shares the decision, or emphasises the person's autonomy.</summary>
    SeekingCollaboration,

    /// <summary>Advice or information the person asked for or gave permission for.</summary>
    AdviceWithPermission,

    /// <summary>Advice or information given unasked, including unasked coaching suggestions.</summary>
    AdviceWithoutPermission,

    /// <summary>Arguing, warning, lecturing, shaming, labelling, minimising or blaming.</summary>
    PersuadeConfront,

    /// <summary>The helper talks about their own experience.</summary>
    SelfDisclosure,

    /// <summary>Greetings, logistics, filler, generic reassurance, off-topic.</summary>
    Other,
}
