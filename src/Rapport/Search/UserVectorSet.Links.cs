using System.Buffers;

namespace Rapport.Search;

public sealed partial class UserVectorSet
{
    // Links between memories, a walk of one hop: each of the LinkSeeds best candidates lends LinkWeight times its hybrid score to
    // every candidate that shares one of its rare words (in at most LinkMaxShare of the memories, and at least two). Query words
    // do not link: they already count directly. A candidate takes the best loan it is offered, and loans are added only after
    // every seed has lent, so they never chain. Before session context, so that neighbours and sessions share them.
    private void AddLinks(SearchRanking ranking, int[] queryTerms, ReadOnlySpan<int> candidates, float[] fused)
    {
        if (ranking.LinkWeight == 0 || candidates.Length < 2)
        {
            return;
        }

        Span<int> seeds = stackalloc int[Math.Min(ranking.LinkSeeds, candidates.Length)];
        seeds = seeds[..BestCandidates(candidates, fused, seeds)];
        var maxDocuments = Math.Max(2, (int)(ranking.LinkMaxShare * _count));
        var loan = ArrayPool<float>.Shared.Rent(_count);
        var words = new List<int>();
        try
        {
            Array.Clear(loan, 0, _count);
            foreach (var seed in seeds)
            {
                words.Clear();
                Lexical.RareTerms(seed, _count, maxDocuments, words);
                foreach (var word in words)
                {
                    // Query terms are sorted term ids (LexicalIndex.QueryTerms).
                    if (Array.BinarySearch(queryTerms, word) >= 0)
                    {
                        continue;
                    }

                    foreach (var doc in Lexical.DocumentsWith(word, _count))
                    {
                        if (doc != seed)
                        {
                            loan[doc] = Math.Max(loan[doc], fused[seed]);
                        }
                    }
                }
            }

            var weight = (float)ranking.LinkWeight;
            foreach (var i in candidates)
            {
                fused[i] += weight * loan[i];
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(loan);
        }
    }

    // Fills best with the best candidates by hybrid score, best first (ties: the earlier candidate); returns how many it holds.
    private static int BestCandidates(ReadOnlySpan<int> candidates, float[] fused, Span<int> best)
    {
        var filled = 0;
        foreach (var i in candidates)
        {
            var at = filled;
            while (at > 0 && fused[i] > fused[best[at - 1]])
            {
                at--;
            }

            if (at == best.Length)
            {
                continue;
            }

            var last = Math.Min(filled, best.Length - 1);
            best[at..last].CopyTo(best[(at + 1)..]);
            best[at] = i;
            filled = Math.Min(filled + 1, best.Length);
        }

        return filled;
    }
}
