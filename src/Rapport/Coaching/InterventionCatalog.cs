namespace Rapport.Coaching;

/// <summary>The kinds of intervention the built-in coach knows, with its own wording.</summary>
public static class InterventionCatalog
{
    /// <summary>The name of the tool the coach calls to start an exercise.</summary>
    public const string ExerciseTool = "start_exercise";

    /// <summary>Gets the six kinds the coach offers.</summary>
    public static IReadOnlyList<InterventionKindInfo> Default { get; } =
    [
        new("breathing", "box breathing",
            ["Let's slow things down with box breathing: in for four, hold for four, out for four, hold for four.",
             "How about a minute of box breathing together? It can take the edge off."],
            ["Breathe in for 4", "Hold for 4", "Breathe out for 4", "Hold for 4", "Repeat four times"]),
        new("grounding", "the 5-4-3-2-1 grounding exercise",
            ["Let's try a grounding exercise: notice five things you can see, four you can hear, three you can touch.",
             "Could we ground you for a moment? Name a few things around you that you can see and hear."],
            ["5 things you see", "4 things you hear", "3 things you can touch", "2 things you smell", "1 thing you taste"]),
        new("reframe", "looking at the thought from another side",
            ["What would you tell a friend who had this thought? Let's look at it from their side.",
             "Let's test that thought: what is the evidence for it, and what is the evidence against it?"],
            []),
        new("break", "a short break",
            ["It might be time for a real break: ten minutes away from this, no screens.",
             "Would a short pause help? Step away for a few minutes and get a glass of water."],
            []),
        new("movement", "a quick walk or stretch",
            ["Let's get your body moving: a five-minute walk or a stretch can shift how this feels.",
             "How about standing up and stretching for two minutes? Shoulders, neck, back."],
            ["Stand up", "Roll your shoulders five times", "Stretch your arms up", "Walk for five minutes"]),
        new("journaling", "writing it down",
            ["Would it help to write it down? Three lines: what happened, how it felt, what you need.",
             "Try putting the worry on paper for five minutes; it often looks smaller there."],
            []),
    ];

    /// <summary>Gets the names of <see cref="Default"/>.</summary>
    public static IReadOnlyList<string> DefaultNames { get; } = [.. Default.Select(k => k.Name)];

    /// <summary>Finds a kind by name in <see cref="Default"/>, or <see langword="null"/>.</summary>
    public static InterventionKindInfo? Find(string name) =>
        Default.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase));
}
