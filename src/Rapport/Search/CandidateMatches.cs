using System.Numerics.Tensors;
using Rapport.Storage;

namespace Rapport.Search;

/// <summary>What a snapshot's scan found for one request: the matches to read from the store and, for a compact snapshot
/// (<see cref="VectorPrecision.Compact"/>), how to re-score them exactly once their 32-bit vectors are read.</summary>
/// <remarks>
/// A compact scan ranks by int8 estimates of the cosine and keeps the best <see cref="RescoreCount"/>; the store reads those
/// records (which it reads anyway for the hits, with their vectors) and <see cref="Rescore"/> replaces each estimate by the
/// exact cosine, the one a 32-bit scan computes, and keeps the best <c>Top</c>. In hybrid mode the
/// fused score moves by the exact cosine's difference times the fusion's dense weight; the fusion's per-query scale and a
/// session neighbour's share, the session's score (<see cref="SearchRanking.SessionWeight"/>) and a linked memory's loan
/// (<see cref="SearchRanking.LinkWeight"/>) stay as estimated (their error is the estimate's, at most <c>ev + eq(1 + ev)</c> in cosine).
/// A memory the store no longer returns (expired or forgotten since the scan) is left out.
/// </remarks>
public sealed class CandidateMatches
{
    private readonly MemorySearchRequest _request;
    private readonly Candidate[]? _rescore;
    private readonly bool _dense;

    internal CandidateMatches(MemorySearchRequest request, IReadOnlyList<VectorMatch> matches)
    {
        _request = request;
        Matches = matches;
    }

    internal CandidateMatches(MemorySearchRequest request, IReadOnlyList<VectorMatch> matches, Candidate[] rescore, bool dense)
        : this(request, matches)
    {
        _rescore = rescore;
        _dense = dense;
    }

    /// <summary>Gets the matches in order: final for a 32-bit snapshot, estimated candidates for a compact one.</summary>
    public IReadOnlyList<VectorMatch> Matches { get; }

    /// <summary>Gets whether <see cref="Rescore"/> needs the candidates' vectors (a compact snapshot's candidates).</summary>
    public bool NeedsVectors => _rescore is not null;

    /// <summary>Returns how many candidates a compact scan keeps for <paramref name="top"/> results: max(4 top, 50).</summary>
    /// <remarks>Measured by UserVectorSetCompactTests: recall@10 against the exact scan stays at least 0.99 on random and on
    /// clustered, near-duplicate unit vectors.</remarks>
    public static int RescoreCount(int top) => Math.Max(4 * top, 50);

    /// <summary>Returns the best <c>Top</c> matches, re-scored with the exact vectors <paramref name="vectors"/> returns.</summary>
    /// <param name="vectors">The 32-bit vector of a candidate by id, or <see langword="null"/> when the store no longer holds it.</param>
    /// <returns><see cref="Matches"/> as they are when <see cref="NeedsVectors"/> is false.</returns>
    public IReadOnlyList<VectorMatch> Rescore(Func<string, ReadOnlyMemory<float>?> vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        if (_rescore is null)
        {
            return Matches;
        }

        var query = _request.Embedding.Span;
        var queryNorm = TensorPrimitives.Norm(query);
        var similarities = new float[Matches.Count];
        var top = new TopMatches(_request.Top);
        for (var n = 0; n < Matches.Count; n++)
        {
            var match = Matches[n];
            var candidate = _rescore[n];
            // Both were floats: the doubles of a match hold them exactly.
            var similarity = (float)match.Similarity;
            var score = (float)match.Score;
            // The exact cosine is at most the estimate plus its error bound: a candidate that cannot reach the lowest of a
            // full top even so is left out unread, as Offer would leave it out once read.
            if (candidate.Comparable && top.Count == _request.Top
                && !(score + (Math.Abs(candidate.DenseWeight) * candidate.Slack) >= top.ScoreAt(_request.Top - 1)))
            {
                continue;
            }

            if (vectors(match.Id) is not { } memory)
            {
                continue;
            }

            var vector = memory.Span;
            if (candidate.Comparable && vector.Length == query.Length)
            {
                var denominator = TensorPrimitives.Norm(vector) * queryNorm;
                var exact = denominator > 0 ? TensorPrimitives.Dot(query, vector) / denominator : 0f;
                score = _dense ? exact : score + (candidate.DenseWeight * (exact - similarity));
                similarity = exact;
                if (_request.MinSimilarity is { } minimum && !(exact >= minimum))
                {
                    continue;
                }
            }

            similarities[n] = similarity;
            top.Offer(n, score, candidate.CreatedTicks, match.Id);
        }

        var result = new VectorMatch[top.Count];
        for (var rank = 0; rank < result.Length; rank++)
        {
            var n = top.IndexAt(rank);
            result[rank] = new VectorMatch(Matches[n].Id, similarities[n], top.ScoreAt(rank));
        }

        return result;
    }

    internal static CandidateMatches None(MemorySearchRequest request) => new(request, []);

    /// <summary>What re-scoring needs of one compact candidate besides its match.</summary>
    /// <param name="CreatedTicks">Its creation time, the first tie-break.</param>
    /// <param name="Comparable">Whether its vector can be compared with the query (same embedder and dimension).</param>
    /// <param name="DenseWeight">How much its score moves per unit of cosine.</param>
    /// <param name="Slack">The most its estimated cosine can be below the exact one (<c>Int8Codes.CosineErrorBound</c>).</param>
    internal readonly record struct Candidate(long CreatedTicks, bool Comparable, float DenseWeight, float Slack);
}
