using Rapport.Context;

namespace Rapport.Coaching;

/// <summary>Words the coach's turn from its own templates and the memory context, without a language model.</summary>
/// <remarks>Deterministic: the template is chosen by a stable hash of the situation, so the same turn reads the same.</remarks>
internal static class OfflineWording
{
    private static readonly string[] Openers =
    [
        "That sounds really hard.",
        "Thank you for telling me.",
        "I hear you, that's a lot.",
        "It makes sense that you feel this way.",
    ];

    public static string Word(InterventionKindInfo kind, string situation, MemoryContext context)
    {
        var hash = StableHash(situation + "\n" + kind.Name);
        var opener = Openers[hash % (uint)Openers.Length];
        var past = context.PastSuccesses.FirstOrDefault(p => p.Kind == kind.Name);
        if (past is not null)
        {
            return $"{opener} Last time, when you said \"{MemoryContextBuilder.Shorten(past.Situation, 60)}\", {kind.Phrase} helped; want to try it again?";
        }

        var offer = kind.Offers[(int)(hash / 7 % (uint)kind.Offers.Count)];
        return context.ToAvoid.Any(a => a.Kind != kind.Name) && context.PastSuccesses.Count == 0
            ? $"{opener} Let's try something different this time. {offer}"
            : $"{opener} {offer}";
    }

    // FNV-1a: string.GetHashCode is randomized per process, and the wording must not be.
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
