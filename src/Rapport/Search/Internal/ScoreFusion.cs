namespace Rapport.Search.Internal;

/// <summary>Fuses a BM25 score and a cosine similarity into one hybrid score, on scales fitted to this query's candidates.</summary>
/// <remarks>
/// Raw BM25 and cosine live on unrelated scales, and a user's cosines crowd into a narrow band that depends on the
/// embedder, so both are first put on a per-query scale: BM25 divided by the best candidate's BM25 (0..1), and
/// cosine measured from the candidates' mean towards their best (best = 1, an average memory = 0, worse ones below).
/// The fused score is the convex combination weighted by <see cref="SearchRanking.LexicalWeight"/>. Unlike rank
/// fusion it keeps how far apart the candidates are: a memory that shares rare words with the query keeps its
/// lead unless the dense side strongly prefers another.
/// </remarks>
internal readonly struct ScoreFusion
{
    private readonly float _lexicalWeight;
    private readonly float _lexicalScale;
    private readonly float _denseMean;
    private readonly float _denseScale;

    private ScoreFusion(float lexicalWeight, float lexicalScale, float denseMean, float denseScale)
    {
        _lexicalWeight = lexicalWeight;
        _lexicalScale = lexicalScale;
        _denseMean = denseMean;
        _denseScale = denseScale;
    }

    /// <summary>Fits the scales to the candidates' scores.</summary>
    public static ScoreFusion Create(SearchRanking ranking, ReadOnlySpan<int> candidates, float[] lexical, float[] dense, double ceiling)
    {
        _ = ceiling;
        var maxLexical = 0f;
        var sum = 0d;
        var n = 0;
        var maxDense = float.NegativeInfinity;
        foreach (var i in candidates)
        {
            maxLexical = Math.Max(maxLexical, lexical[i]);
            if (!float.IsNaN(dense[i]))
            {
                sum += dense[i];
                n++;
                maxDense = Math.Max(maxDense, dense[i]);
            }
        }

        var mean = n == 0 ? 0f : (float)(sum / n);
        var spread = n == 0 ? 0f : maxDense - mean;
        return new ScoreFusion(
            (float)ranking.LexicalWeight,
            maxLexical > 0 ? 1f / maxLexical : 0f,
            mean,
            spread > 0 ? 1f / spread : 0f);
    }

    /// <summary>Gets how much the hybrid score moves per unit of cosine similarity (what an exact re-score corrects by).</summary>
    public float DenseWeight => (1 - _lexicalWeight) * _denseScale;

    /// <summary>Returns the hybrid score of one candidate (its dense similarity is NaN when it has none).</summary>
    public float Fuse(float lexical, float dense)
    {
        var lexicalPart = lexical * _lexicalScale;
        var densePart = float.IsNaN(dense) ? 0f : (dense - _denseMean) * _denseScale;
        return (_lexicalWeight * lexicalPart) + ((1 - _lexicalWeight) * densePart);
    }
}
