namespace Rapport.Evaluation.Behaviour;

/// <summary>Names of the <see cref="BehaviourCode"/> values as written in data and metric metadata (snake case).</summary>
public static class BehaviourCodes
{
    /// <summary>The number of codes.</summary>
    public const int Count = 11;

    private static readonly string[] Names =
    [
        "simple_reflection", "complex_reflection", "open_question", "closed_question", "affirmation",
        "seeking_collaboration", "advice_with_permission", "advice_without_permission", "persuade_confront",
        "self_disclosure", "other",
    ];

    /// <summary>Gets every code in order.</summary>
    public static IReadOnlyList<BehaviourCode> All { get; } = [.. Enumerable.Range(0, Count).Select(i => (BehaviourCode)i)];

    /// <summary>Returns the snake-case name of <paramref name="code"/>, for example <c>complex_reflection</c>.</summary>
    public static string Name(BehaviourCode code) => Names[(int)code];

    /// <summary>Parses a snake-case name; returns false for anything else.</summary>
    public static bool TryParse(string? name, out BehaviourCode code)
    {
        var index = Array.IndexOf(Names, name);
        code = index < 0 ? BehaviourCode.Other : (BehaviourCode)index;
        return index >= 0;
    }

    /// <summary>Whether <paramref name="code"/> is a simple or complex reflection.</summary>
    public static bool IsReflection(BehaviourCode code) => code is BehaviourCode.SimpleReflection or BehaviourCode.ComplexReflection;

    /// <summary>Whether <paramref name="code"/> is an open or closed question.</summary>
    public static bool IsQuestion(BehaviourCode code) => code is BehaviourCode.OpenQuestion or BehaviourCode.ClosedQuestion;
}
