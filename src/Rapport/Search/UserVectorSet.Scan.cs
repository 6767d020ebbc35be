using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Rapport.Search.Internal;
using Rapport.Storage;

namespace Rapport.Search;

public sealed partial class UserVectorSet
{
    // Rows per call of the blocked int8 kernel: their dot products fit on the stack.
    private const int ScanBlock = 256;

    // How many rows ahead of the one being scored the 32-bit scan asks the CPU to fetch (about 6 KB at 384 dimensions): the
    // hardware prefetcher stops at each 4 KB page, so a row-by-row scan otherwise waits on memory at every page.
    private const int PrefetchRows = 4;

    // Whether every entry of the snapshot can be compared with the query (one embedder, one dimension, the query's):
    // then ScoreAll computes every similarity in one pass over contiguous vectors, with no per-entry checks.
    private bool ComparesAll(scoped in DenseQuery query, int model, bool modelMissing) =>
        _uniform && _count > 0 && !modelMissing && (model < 0 || _models[0] == model) && _lengths[0] == query.Vector.Length;

    // Writes Cosine(query, i) of every entry into similarities[i], the same values, in blocks (see ComparesAll).
    private void ScoreAll(scoped in DenseQuery query, float[] similarities)
    {
        var length = query.Vector.Length;
        var norm = query.Norm;
        if (!_compact)
        {
            ref var vectors = ref MemoryMarshal.GetArrayDataReference(_vectors);
            for (var i = 0; i < _count; i++)
            {
                if (Sse.IsSupported && i + PrefetchRows < _count)
                {
                    Prefetch(ref Unsafe.Add(ref vectors, (i + PrefetchRows) * length), length);
                }

                var denominator = _norms[i] * norm;
                similarities[i] = denominator > 0 ? TensorPrimitives.Dot(query.Vector, _vectors.AsSpan(i * length, length)) / denominator : 0f;
            }

            return;
        }

        Span<int> dots = stackalloc int[ScanBlock];
        for (var from = 0; from < _count; from += ScanBlock)
        {
            var rows = Math.Min(ScanBlock, _count - from);
            Int8Codes.DotRows(query.Magnitudes, query.Codes, _codes.AsSpan(from * length, rows * length), dots[..rows]);
            var j = Int8Codes.Estimates(dots[..rows], query.Scale, norm, _scales.AsSpan(from, rows), _norms.AsSpan(from, rows), similarities.AsSpan(from, rows));
            for (; j < rows; j++)
            {
                var i = from + j;
                var denominator = _norms[i] * norm;
                similarities[i] = denominator > 0 ? Int8Codes.Estimate(dots[j], query.Scale, _scales[i]) / denominator : 0f;
            }
        }
    }

    // A hint, never a read: the values scored are the same with or without it. The row lies inside the array (below the count).
    private static unsafe void Prefetch(ref float row, int length)
    {
        var bytes = (byte*)Unsafe.AsPointer(ref row);
        for (var offset = 0; offset < length * sizeof(float); offset += 64)
        {
            Sse.Prefetch0(bytes + offset);
        }
    }

    // Dense ranking when ScoreAll has scored every entry: the filters run only for an entry that could enter the top (at
    // least the lowest score kept), in index order, so the result is the one Collect and the offer loop give.
    private void SelectDense(in ScanFilter filter, scoped in DenseQuery query, float[] dense, TopMatches top, int capacity)
    {
        var full = false;
        var lowest = 0f;
        for (var i = 0; i < _count; i++)
        {
            var score = dense[i];
            if ((full && !(score >= lowest)) || !Admits(i, filter)
                || (filter.MinSimilarity is { } minimum && !(score + Slack(query, i) >= minimum)))
            {
                continue;
            }

            top.Offer(i, score, _createdTicks[i], _ids[i]);
            if (top.Count == capacity)
            {
                full = true;
                lowest = top.ScoreAt(capacity - 1);
            }
        }
    }

    // Whether entry i is live at the filter's time and passes the request's filters (all but similarity and words).
    private bool Admits(int i, in ScanFilter filter) =>
        _expiresTicks[i] > filter.NowTicks
        && _createdTicks[i] >= filter.SinceTicks && _createdTicks[i] < filter.UntilTicks
        && (filter.Outcome is not { } outcome || _outcomes[i] == outcome)
        && (filter.MinQuality is not { } min || _qualities[i] >= min)
        && (filter.Kinds is null || filter.Kinds.Contains(_kinds[i]));

    // A request's filters as a scan reads them.
    private readonly record struct ScanFilter(
        long NowTicks, long SinceTicks, long UntilTicks, Memory.InterventionOutcome? Outcome, double? MinQuality, HashSet<int>? Kinds, double? MinSimilarity)
    {
        // No filter but expiry (which compaction keeps to an eighth of the entries at most) and a minimum similarity (which
        // needs every similarity anyway): scoring every entry wastes little.
        public bool KeepsAll => SinceTicks == long.MinValue && UntilTicks == long.MaxValue && Outcome is null && MinQuality is null && Kinds is null;

        public static ScanFilter Of(MemorySearchRequest request, DateTimeOffset now, HashSet<int>? kinds) => new(
            now.UtcTicks, request.Since?.UtcTicks ?? long.MinValue, request.Until?.UtcTicks ?? long.MaxValue,
            request.Outcome, request.MinQuality, kinds, request.MinSimilarity);
    }
}
