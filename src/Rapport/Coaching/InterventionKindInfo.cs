namespace Rapport.Coaching;

/// <summary>One kind of intervention the built-in coach can offer, and how it words it.</summary>
/// <param name="Name">The kind's name as stored, for example <c>breathing</c>.</param>
/// <param name="Phrase">How the coach names it in a sentence, for example <c>box breathing</c>.</param>
/// <param name="Offers">Ways to offer it for the first time, each a full sentence or two.</param>
/// <param name="Steps">The exercise's steps when it is an exercise (offered through the <c>start_exercise</c> tool), else empty.</param>
public sealed record InterventionKindInfo(string Name, string Phrase, IReadOnlyList<string> Offers, IReadOnlyList<string> Steps)
{
    /// <summary>Gets whether the kind is an exercise the coach starts with a tool call.</summary>
    public bool IsExercise => Steps.Count > 0;
}
