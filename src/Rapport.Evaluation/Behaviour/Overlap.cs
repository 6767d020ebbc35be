using Rapport.Evaluation.Internal;

namespace Rapport.Evaluation.Behaviour;

/// <summary>How much of the previous message a turn takes up, and how much it adds.</summary>
internal static class Overlap
{
    /// <summary>Returns the share of the turn's content words found in <paramref name="previous"/>, the share of the
    /// previous message's content words found in the turn, the number of new content words, whether the turn names a
    /// feeling word the previous message does not, and the share of the turn's word pairs found in the previous message.</summary>
    public static (double Taken, double Covered, int Added, bool FeelingAdded, double Bigrams) Of(string previous, string turn)
    {
        Span<ulong> before = stackalloc ulong[128];
        Span<ulong> after = stackalloc ulong[128];
        var b = ContentWords.Stems(previous, before);
        var a = ContentWords.Stems(turn, after);
        before = before[..b];
        after = after[..a];
        int taken = 0, covered = 0;
        foreach (var stem in after)
        {
            taken += before.Contains(stem) ? 1 : 0;
        }

        var distinct = 0;
        for (var i = 0; i < before.Length; i++)
        {
            if (before[..i].Contains(before[i]))
            {
                continue;
            }

            distinct++;
            covered += after.Contains(before[i]) ? 1 : 0;
        }

        var feelingAdded = false;
        foreach (var word in Words.In(turn))
        {
            var w = word.ToString();
            if (PairLexicon.Feelings.Contains(w) && !ContainsWord(previous, w))
            {
                feelingAdded = true;
                break;
            }
        }

        return (a == 0 ? 0 : (double)taken / a, distinct == 0 ? 0 : (double)covered / distinct, a - taken, feelingAdded,
            Bigrams(previous, turn));
    }

    private static bool ContainsWord(string text, string word)
    {
        foreach (var w in Words.In(text))
        {
            if (w.SequenceEqual(word))
            {
                return true;
            }
        }

        return false;
    }

    // Share of the turn's consecutive word pairs that also occur in the previous message.
    private static double Bigrams(string previous, string turn)
    {
        Span<ulong> pairs = stackalloc ulong[256];
        var count = 0;
        ulong last = 0;
        foreach (var word in Words.In(previous))
        {
            var hash = Hash(word);
            if (last != 0 && count < pairs.Length)
            {
                pairs[count++] = (last * 31) ^ hash;
            }

            last = hash;
        }

        pairs = pairs[..count];
        int total = 0, found = 0;
        last = 0;
        foreach (var word in Words.In(turn))
        {
            var hash = Hash(word);
            if (last != 0)
            {
                total++;
                found += pairs.Contains((last * 31) ^ hash) ? 1 : 0;
            }

            last = hash;
        }

        return total == 0 ? 0 : (double)found / total;
    }

    private static ulong Hash(ReadOnlySpan<char> word)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in word)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash | 1;
    }
}
