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

    // Openers that reflect the person's own words back ("... when you have to present and your hands are shaking").
    private static readonly string[] ReflectingOpeners =
    [
        "That sounds really hard: {0}.",
        "Thank you for telling me that {0}.",
        "I hear you, {0}, and that's a lot.",
        "It makes sense to feel this way when {0}.",
    ];

    // Words that join a message to what came before ("Also work is piling up"): taken up, they read as "Thank you for
    // telling me that also work is piling up", so the reflection starts after them.
    private static readonly HashSet<string> LeadingFillers = new(StringComparer.OrdinalIgnoreCase)
    {
        "also", "and", "but", "so", "plus", "well", "oh", "um", "uh", "anyway", "anyways", "honestly", "like", "ok", "okay", "yeah", "then",
    };

    // The most words of the situation taken up, so the turn stays short.
    private const int MaxReflectedWords = 14;

    /// <summary>Words the turn; never the same words as <paramref name="previous"/> (the coach's last turn in the session) when
    /// another template exists, so that a person who says the same thing twice is not answered twice alike.</summary>
    public static string Word(InterventionKindInfo kind, string situation, MemoryContext context, string? previous = null)
    {
        var text = Word(kind, situation, context, 0u);
        for (var salt = 1u; salt < 8 && previous is not null && string.Equals(text, previous, StringComparison.Ordinal); salt++)
        {
            text = Word(kind, situation, context, salt);
        }

        return text;
    }

    private static string Word(InterventionKindInfo kind, string situation, MemoryContext context, uint salt)
    {
        var hash = StableHash(situation + "\n" + kind.Name) + (salt * 2654435761u);
        var reflected = Reflect(situation);
        var opener = reflected is null
            ? Openers[hash % (uint)Openers.Length]
            : string.Format(System.Globalization.CultureInfo.InvariantCulture, ReflectingOpeners[hash % (uint)ReflectingOpeners.Length], reflected);
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

    // The situation's first clause in the second person ("I'm late and my boss..." -> "you're late and your boss..."),
    // or null when it is too long to take up in a short turn.
    private static string? Reflect(string situation)
    {
        var clause = situation.Split(['.', '!', '?', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        var words = clause?.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .SkipWhile(w => LeadingFillers.Contains(w.TrimEnd(',', ':')))
            .ToArray();
        if (words is null || words.Length == 0 || words.Length > MaxReflectedWords)
        {
            return null;
        }

        return string.Join(' ', words.Select((word, i) => SecondPerson(word, first: i == 0)));
    }

    // One word in the second person; trailing punctuation ("me,") is kept, and a typographic apostrophe (I’m, common on
    // phones) counts as a plain one.
    private static string SecondPerson(string word, bool first)
    {
        var core = word.TrimEnd(',', ':', ')', '"');
        var tail = word[core.Length..];
        var swapped = core.Replace('\u2019', '\'') switch
        {
            "I" or "i" => "you",
            "I'm" or "i'm" or "Im" => "you're",
            "I've" => "you've",
            "I'll" => "you'll",
            "I'd" => "you'd",
            "my" or "My" => "your",
            "me" => "you",
            "myself" => "yourself",
            "mine" => "yours",
            "am" => "are",
            _ => first && core.Length > 1 && char.IsUpper(core[0]) && !char.IsUpper(core[1]) ? char.ToLowerInvariant(core[0]) + core[1..] : core,
        };
        return swapped + tail;
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
