using System.Text.RegularExpressions;
using Rapport.Evaluation.Internal;

namespace Rapport.Calibration;

/// <summary>Features that are not in the model, for the single-feature table of <c>--fit</c>: the harmful cue families
/// the scorer penalizes with fixed weights, and the features that were tried and dropped.</summary>
internal static partial class Diagnostics
{
    public static readonly (string Name, Func<Turn, double> Value)[] Features =
    [
        ("preachy cue", t => Has(SupportLexicon.Preachy(), t)),
        ("dismissive cue", t => Has(SupportLexicon.Dismissive(), t)),
        ("blaming cue", t => Has(SupportLexicon.Blaming(), t)),
        ("question mark", t => t.Text.Contains('?', StringComparison.Ordinal) ? 1 : 0),
        ("open question", t => OpenQuestion().IsMatch(Lower(t)) ? 1 : 0),
        ("addresses you", t => Words(t).Any(w => w is "you" or "your" or "you're" or "yourself") ? 1 : 0),
        ("share of first-person words", FirstPersonShare),
        ("only greetings or fillers", FillerOnly),
    ];

    private static readonly HashSet<string> Filler =
        ["hi", "hello", "hey", "there", "ok", "okay", "yes", "yeah", "no", "sure", "thanks", "thank", "you", "bye", "good", "fine", "great", "cool", "nice", "hmm", "oh", "i", "see", "right", "how", "are", "well"];

    private static double FirstPersonShare(Turn t)
    {
        var words = Words(t);
        return words.Length == 0 ? 0 : (double)words.Count(w => w is "i" or "me" or "my" or "i'm" or "myself") / words.Length;
    }

    private static double FillerOnly(Turn t)
    {
        var words = Words(t);
        return words.Length > 0 && words.All(Filler.Contains) ? 1 : 0;
    }

    private static string Lower(Turn t) => t.Text.ToLowerInvariant().Replace('\u2019', '\'');

    private static string[] Words(Turn t) => WordPattern().Matches(Lower(t)).Select(m => m.Value).ToArray();

    private static double Has(Regex pattern, Turn t) => SupportFeatures.HasUnnegated(pattern, Lower(t)) ? 1 : 0;

    [GeneratedRegex(@"\b(?:how|what|why|when|where|which|who)\b[^?.!]{0,80}\?")]
    private static partial Regex OpenQuestion();

    [GeneratedRegex(@"[a-z']+")]
    private static partial Regex WordPattern();
}
