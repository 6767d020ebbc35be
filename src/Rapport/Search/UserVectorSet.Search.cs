using System.Buffers;
using System.Numerics.Tensors;
using Rapport.Search.Internal;
using Rapport.Storage;

namespace Rapport.Search;

public sealed partial class UserVectorSet
{
    /// <summary>Returns the best matches for <paramref name="request"/> among entries live at <paramref name="now"/>.</summary>
    /// <remarks>
    /// <para>Ranking by <see cref="MemorySearchRequest.Mode"/>: cosine similarity (dense), BM25F over situation and text
    /// (lexical), or both fused (hybrid; see <see cref="ScoreFusion"/>), plus a share of the best session neighbour's
    /// fused score (<see cref="SearchRanking.NeighbourWeight"/>) and of its session's (<see cref="SearchRanking.SessionWeight"/>). Hybrid without searchable query words ranks as dense. Every filter applies in every mode. Entries written by another embedder (or of another dimension) cannot be
    /// compared with the query: dense search leaves them out; lexical search, which needs no vectors, finds them, and so does
    /// hybrid search when they share words with the query (their dense part counts as an average memory's), so recall keeps
    /// working while a store is re-embedded.</para>
    /// <para>Ties: newer first, then id ordinal; deterministic for equal input.</para>
    /// <para>A compact snapshot (<see cref="VectorPrecision.Compact"/>) ranks by its estimates here, without re-scoring: stores use
    /// <see cref="SearchCandidates"/> and re-score from their own vectors.</para>
    /// </remarks>
    public IReadOnlyList<VectorMatch> Search(MemorySearchRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Rank(request, now, request.Top).Matches;
    }

    /// <summary>Returns the candidates to read from the store for <paramref name="request"/>, to be re-scored exactly
    /// (<see cref="CandidateMatches.Rescore"/>) when the snapshot is compact.</summary>
    /// <remarks>A 32-bit snapshot returns its exact best matches (the same as <see cref="Search"/>), which need no re-scoring;
    /// a compact one returns the best <see cref="CandidateMatches.RescoreCount"/> by their int8 estimates.</remarks>
    public CandidateMatches SearchCandidates(MemorySearchRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Rank(request, now, _compact ? CandidateMatches.RescoreCount(request.Top) : request.Top);
    }

    private CandidateMatches Rank(MemorySearchRequest request, DateTimeOffset now, int capacity)
    {
        var ranking = request.Ranking ?? SearchRanking.Default;
        var mode = request.Mode;
        // The lexical index is built (once per lineage) only for a query that has words to look up.
        var terms = mode == SearchMode.Dense || _count == 0 || !LexicalIndex.HasTerms(request.Text) ? [] : Lexical.QueryTerms(request.Text);
        if (mode == SearchMode.Hybrid && (terms.Length == 0 || ranking.LexicalWeight == 0))
        {
            mode = SearchMode.Dense;
        }

        var kindMask = KindMask(request.Kinds);
        var model = string.IsNullOrEmpty(request.EmbeddingModel) ? -1 : Array.IndexOf(_modelNames, request.EmbeddingModel);
        var modelMissing = model < 0 && !string.IsNullOrEmpty(request.EmbeddingModel);
        if (kindMask is { Count: 0 } || (mode == SearchMode.Dense && modelMissing) || (mode == SearchMode.Lexical && terms.Length == 0))
        {
            return CandidateMatches.None(request);
        }

        var embedding = request.Embedding.Span;
        var length = _compact ? embedding.Length : 0;
        var codes = length <= 2048 ? stackalloc sbyte[length] : new sbyte[length];
        var magnitudes = length <= 2048 ? stackalloc byte[length] : new byte[length];
        var (queryScale, queryError) = _compact ? Int8Codes.Encode(embedding, codes) : (0f, 0f);
        Int8Codes.Magnitudes(codes, magnitudes);
        var query = new DenseQuery(embedding, TensorPrimitives.Norm(embedding), codes, magnitudes, queryScale, queryError);

        var lexical = ArrayPool<float>.Shared.Rent(_count);
        var dense = ArrayPool<float>.Shared.Rent(_count);
        var candidates = ArrayPool<int>.Shared.Rent(_count);
        var fused = mode == SearchMode.Hybrid ? ArrayPool<float>.Shared.Rent(_count) : null;
        try
        {
            Array.Clear(lexical, 0, _count);
            var ceiling = mode == SearchMode.Dense ? 0 : Lexical.Score(terms, ranking, lexical.AsSpan(0, _count), _count);
            var filter = ScanFilter.Of(request, now, kindMask);
            var top = new TopMatches(capacity);
            // One embedder and dimension throughout (the usual case) and no filter that could leave most entries out: every
            // similarity in one blocked pass, no per-entry checks. (Lexical search needs similarities of matching entries only.)
            var scored = mode != SearchMode.Lexical && filter.KeepsAll && ComparesAll(query, model, modelMissing);
            if (scored)
            {
                ScoreAll(query, dense);
            }

            if (scored && mode == SearchMode.Dense)
            {
                SelectDense(filter, query, dense, top, capacity);
                return ToMatches(request, top, query, mode, model, modelMissing, dense, 1f);
            }

            var count = Collect(filter, mode, model, modelMissing, scored, query, lexical, dense, candidates);
            var denseWeight = mode == SearchMode.Dense ? 1f : 0f;
            if (fused is not null)
            {
                denseWeight = Fuse(ranking, candidates.AsSpan(0, count), lexical, dense, ceiling, fused).DenseWeight;
                AddTime(ranking, request.Text, request.AskedAt ?? now, candidates.AsSpan(0, count), fused);
                AddLinks(ranking, terms, candidates.AsSpan(0, count), fused);
            }

            // Session scores are added into the lexical column, which fusion no longer needs (hybrid only).
            if (fused is not null)
            {
                foreach (var i in candidates.AsSpan(0, count))
                {
                    lexical[i] = WithContext(fused, i, (float)ranking.NeighbourWeight);
                }

                AddSessionScores(ranking, candidates.AsSpan(0, count), fused, lexical);
            }

            foreach (var i in candidates.AsSpan(0, count))
            {
                var score = mode == SearchMode.Dense ? dense[i] : lexical[i];
                top.Offer(i, score, _createdTicks[i], _ids[i]);
            }

            return ToMatches(request, top, query, mode, model, modelMissing, dense, denseWeight);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(lexical);
            ArrayPool<float>.Shared.Return(dense);
            ArrayPool<int>.Shared.Return(candidates);
            if (fused is not null)
            {
                ArrayPool<float>.Shared.Return(fused);
            }
        }
    }

    // Hybrid scores of the candidates; NaN marks entries that are not candidates (filtered out).
    private ScoreFusion Fuse(SearchRanking ranking, ReadOnlySpan<int> candidates, float[] lexical, float[] dense, double ceiling, float[] fused)
    {
        Array.Fill(fused, float.NaN, 0, _count);
        var fusion = ScoreFusion.Create(ranking, candidates, lexical, dense, ceiling);
        foreach (var i in candidates)
        {
            fused[i] = fusion.Fuse(lexical[i], dense[i]);
        }

        return fusion;
    }

    // Memories near the time the query names gain up to TimeWeight: whole inside the interval, halving every interval length
    // (at least a week) outside it. Before session context, so that a memory's neighbours share its time.
    private void AddTime(SearchRanking ranking, string? text, DateTimeOffset now, ReadOnlySpan<int> candidates, float[] fused)
    {
        if (ranking.TimeWeight == 0 || TimeExpressions.Find(text, now) is not { } interval)
        {
            return;
        }

        var start = interval.Start.UtcTicks;
        var end = interval.End.UtcTicks;
        var halfLife = (double)Math.Max(end - start, TimeSpan.TicksPerDay * 7);
        foreach (var i in candidates)
        {
            var t = _createdTicks[i];
            var distance = t < start ? start - t : t >= end ? t - end : 0;
            fused[i] += (float)(ranking.TimeWeight * Math.Pow(0.5, distance / halfLife));
        }
    }

    // A candidate's hybrid score plus a share of its best neighbour's in the same session (see SearchRanking.NeighbourWeight).
    private float WithContext(float[] fused, int i, float neighbourWeight)
    {
        // Neighbours at or past the count were appended after this snapshot was taken: not part of it.
        var best = float.NaN;
        var previous = _previous[i];
        var next = _next[i];
        if (previous >= 0 && previous < _count && !float.IsNaN(fused[previous]))
        {
            best = fused[previous];
        }

        if (next >= 0 && next < _count && !float.IsNaN(fused[next]) && !(fused[next] <= best))
        {
            best = fused[next];
        }

        return float.IsNaN(best) || neighbourWeight == 0 ? fused[i] : fused[i] + (neighbourWeight * best);
    }

    // Applies the filters and computes the dense similarity of each candidate (NaN where it cannot be compared); scored: the
    // similarities are in dense already (ScoreAll).
    private int Collect(
        in ScanFilter filter, SearchMode mode, int model, bool modelMissing, bool scored,
        scoped in DenseQuery query, float[] lexical, float[] dense, int[] candidates)
    {
        var minSimilarity = filter.MinSimilarity;
        var needsDense = mode != SearchMode.Lexical || minSimilarity is not null;
        var count = 0;
        for (var i = 0; i < _count; i++)
        {
            if ((mode == SearchMode.Lexical && lexical[i] <= 0) || !Admits(i, filter))
            {
                continue;
            }

            var comparable = _lengths[i] == query.Vector.Length && !modelMissing && (model < 0 || _models[i] == model);
            var similarity = comparable && needsDense ? (scored ? dense[i] : Cosine(query, i)) : float.NaN;
            // A memory of another embedder (awaiting re-embedding) is still found by its words in hybrid, as in lexical search.
            var lexicalOnly = mode == SearchMode.Lexical || (mode == SearchMode.Hybrid && lexical[i] > 0);
            if ((!comparable && (!lexicalOnly || minSimilarity is not null))
                || (minSimilarity is { } minimum && !(similarity + Slack(query, i) >= minimum)))
            {
                continue;
            }

            dense[i] = similarity;
            candidates[count++] = i;
        }

        return count;
    }

    private CandidateMatches ToMatches(
        MemorySearchRequest request, TopMatches top, scoped in DenseQuery query, SearchMode mode, int model, bool modelMissing, float[] dense, float denseWeight)
    {
        var matches = new VectorMatch[top.Count];
        var rescore = _compact ? new CandidateMatches.Candidate[top.Count] : null;
        for (var rank = 0; rank < top.Count; rank++)
        {
            var i = top.IndexAt(rank);
            var similarity = dense[i];
            var comparable = _lengths[i] == query.Vector.Length && !modelMissing && (model < 0 || _models[i] == model);
            if (float.IsNaN(similarity) && mode == SearchMode.Lexical && comparable)
            {
                similarity = Cosine(query, i);
            }

            matches[rank] = new VectorMatch(_ids[i], float.IsNaN(similarity) ? 0 : similarity, top.ScoreAt(rank));
            if (rescore is not null)
            {
                rescore[rank] = new(_createdTicks[i], comparable && !float.IsNaN(similarity), mode == SearchMode.Dense ? 1f : mode == SearchMode.Lexical ? 0f : denseWeight, Slack(query, i));
            }
        }

        return rescore is null ? new CandidateMatches(request, matches) : new CandidateMatches(request, matches, rescore, mode == SearchMode.Dense);
    }

    // Cosine of entry i with the query: exact, or the int8 estimate of a compact snapshot.
    private float Cosine(scoped in DenseQuery query, int i)
    {
        var denominator = _norms[i] * query.Norm;
        if (!(denominator > 0))
        {
            return 0f;
        }

        if (!_compact)
        {
            return TensorPrimitives.Dot(query.Vector, _vectors.AsSpan(_offsets[i], _lengths[i])) / denominator;
        }

        var dot = Int8Codes.Dot(query.Magnitudes, query.Codes, _codes.AsSpan(_offsets[i], _lengths[i]));
        return Int8Codes.Estimate(dot, query.Scale, _scales[i]) / denominator;
    }

    // How far a compact estimate of entry i's cosine may be from the exact one (0 for 32-bit snapshots).
    private float Slack(scoped in DenseQuery query, int i) => _compact ? Int8Codes.CosineErrorBound(query.Error, _errors[i]) : 0f;

    // The query as a scan needs it: its floats and norm, and for a compact snapshot its codes, |codes|, scale and error.
    private readonly ref struct DenseQuery(
        ReadOnlySpan<float> vector, float norm, ReadOnlySpan<sbyte> codes, ReadOnlySpan<byte> magnitudes, float scale, float error)
    {
        public ReadOnlySpan<float> Vector { get; } = vector;

        public float Norm { get; } = norm;

        public ReadOnlySpan<sbyte> Codes { get; } = codes;

        public ReadOnlySpan<byte> Magnitudes { get; } = magnitudes;

        public float Scale { get; } = scale;

        public float Error { get; } = error;
    }
}
