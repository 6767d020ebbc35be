using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Rapport.Search.Internal;

/// <summary>Symmetric int8 quantisation with one scale per vector, and the integer dot product a compact scan runs.</summary>
/// <remarks>A value is held as round(x / scale) with scale = max|x| / 127, so the largest component keeps full range. The
/// relative error <c>|v - v'| / |v|</c> is measured at encoding and kept, which bounds the error of an estimated cosine
/// (see <see cref="CosineErrorBound"/>).</remarks>
internal static class Int8Codes
{
    /// <summary>Encodes <paramref name="vector"/> into <paramref name="codes"/>; returns its scale and relative error.</summary>
    public static (float Scale, float Error) Encode(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        // MaxMagnitude returns the element itself, sign included.
        var max = vector.IsEmpty ? 0f : MathF.Abs(TensorPrimitives.MaxMagnitude(vector));
        if (!(max > 0) || !float.IsFinite(max))
        {
            codes[..vector.Length].Clear();
            return (0f, vector.IsEmpty || max == 0 ? 0f : 1f);
        }

        var scale = max / 127f;
        var inverse = 127f / max;
        double residual = 0;
        double norm = 0;
        for (var d = 0; d < vector.Length; d++)
        {
            var code = (sbyte)Math.Clamp(MathF.Round(vector[d] * inverse), -127f, 127f);
            codes[d] = code;
            var difference = (double)vector[d] - (code * (double)scale);
            residual += difference * difference;
            norm += (double)vector[d] * vector[d];
        }

        return (scale, norm > 0 ? (float)Math.Sqrt(residual / norm) : 0f);
    }

    /// <summary>The most an estimated cosine can differ from the exact one, given both sides' relative errors.</summary>
    /// <remarks>q·v - q'·v' = q·(v - v') + (q - q')·v', so |error| / (|q||v|) is at most ev + eq (1 + ev) (Cauchy-Schwarz).</remarks>
    public static float CosineErrorBound(float queryError, float vectorError) => vectorError + (queryError * (1 + vectorError)) + 1e-6f;

    /// <summary>Returns the integer dot product of two code vectors of the same length.</summary>
    /// <param name="magnitudes">|a| per component, as bytes (<see cref="Magnitudes"/>), for the AVX2 path.</param>
    /// <param name="a">The query's codes.</param>
    /// <param name="b">A stored vector's codes.</param>
    public static int Dot(ReadOnlySpan<byte> magnitudes, ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> b)
    {
        var length = a.Length;
        var d = 0;
        var sum = 0;
        if (Avx2.IsSupported && length >= 32)
        {
            // sign(b, a) * |a| = a * b: vpmaddubsw multiplies unsigned by signed bytes into pairs of int16 (at most
            // 2 * 127 * 127, no saturation), vpmaddwd with ones widens the pairs into int32 lanes.
            ref var ra = ref MemoryMarshal.GetReference(a);
            ref var rb = ref MemoryMarshal.GetReference(b);
            ref var rm = ref MemoryMarshal.GetReference(magnitudes);
            var ones = Vector256.Create((short)1);
            var total = Vector256<int>.Zero;
            for (; d <= length - 32; d += 32)
            {
                var va = Vector256.LoadUnsafe(ref ra, (nuint)d);
                var vb = Vector256.LoadUnsafe(ref rb, (nuint)d);
                var vm = Vector256.LoadUnsafe(ref rm, (nuint)d);
                var pairs = Avx2.MultiplyAddAdjacent(vm, Avx2.Sign(vb, va));
                total = Avx2.Add(total, Avx2.MultiplyAddAdjacent(pairs, ones));
            }

            sum = Vector256.Sum(total);
        }

        for (; d < length; d++)
        {
            sum += a[d] * b[d];
        }

        return sum;
    }

    /// <summary>Writes the integer dot product of the query's codes with each of <c>dots.Length</c> consecutive rows of
    /// <paramref name="rows"/> (each <c>a.Length</c> codes long) into <paramref name="dots"/>: the same values as
    /// <see cref="Dot"/> row by row.</summary>
    /// <remarks>With AVX2 and a dimension that is a multiple of 32, four rows at a time share the query's loads and one
    /// horizontal reduction; other rows go through <see cref="Dot"/>.</remarks>
    public static void DotRows(ReadOnlySpan<byte> magnitudes, ReadOnlySpan<sbyte> a, ReadOnlySpan<sbyte> rows, Span<int> dots)
    {
        var dims = a.Length;
        if (magnitudes.Length < dims || rows.Length < (long)dims * dots.Length)
        {
            throw new ArgumentException("Rows must hold dots.Length rows of the query's length, and magnitudes one byte per code.", nameof(rows));
        }

        var r = 0;
        if (Avx2.IsSupported && dims >= 32 && dims % 32 == 0)
        {
            ref var ra = ref MemoryMarshal.GetReference(a);
            ref var rm = ref MemoryMarshal.GetReference(magnitudes);
            ref var rb = ref MemoryMarshal.GetReference(rows);
            ref var rd = ref MemoryMarshal.GetReference(dots);
            var ones = Vector256.Create((short)1);
            for (; r <= dots.Length - 4; r += 4)
            {
                ref var b0 = ref Unsafe.Add(ref rb, (nint)r * dims);
                ref var b1 = ref Unsafe.Add(ref b0, dims);
                ref var b2 = ref Unsafe.Add(ref b1, dims);
                ref var b3 = ref Unsafe.Add(ref b2, dims);
                var t0 = Vector256<int>.Zero;
                var t1 = Vector256<int>.Zero;
                var t2 = Vector256<int>.Zero;
                var t3 = Vector256<int>.Zero;
                for (nuint d = 0; d < (nuint)dims; d += 32)
                {
                    var va = Vector256.LoadUnsafe(ref ra, d);
                    var vm = Vector256.LoadUnsafe(ref rm, d);
                    t0 = Avx2.Add(t0, Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(vm, Avx2.Sign(Vector256.LoadUnsafe(ref b0, d), va)), ones));
                    t1 = Avx2.Add(t1, Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(vm, Avx2.Sign(Vector256.LoadUnsafe(ref b1, d), va)), ones));
                    t2 = Avx2.Add(t2, Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(vm, Avx2.Sign(Vector256.LoadUnsafe(ref b2, d), va)), ones));
                    t3 = Avx2.Add(t3, Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(vm, Avx2.Sign(Vector256.LoadUnsafe(ref b3, d), va)), ones));
                }

                // hadd(hadd(t0, t1), hadd(t2, t3)) holds each row's half sums per 128-bit lane: add the lanes.
                var sums = Avx2.HorizontalAdd(Avx2.HorizontalAdd(t0, t1), Avx2.HorizontalAdd(t2, t3));
                Sse2.Add(sums.GetLower(), sums.GetUpper()).StoreUnsafe(ref Unsafe.Add(ref rd, r));
            }
        }

        for (; r < dots.Length; r++)
        {
            dots[r] = Dot(magnitudes, a, rows.Slice(r * dims, dims));
        }
    }

    /// <summary>Writes the estimated cosines of rows from their integer dot products, eight at a time: for each row
    /// <c>Estimate(dot, queryScale, scale) / (norm * queryNorm)</c>, or 0 where that denominator is not positive (the same
    /// float operations, in the same order, as one row at a time). Returns how many leading rows it wrote (a multiple of 8).</summary>
    public static int Estimates(
        ReadOnlySpan<int> dots, float queryScale, float queryNorm, ReadOnlySpan<float> scales, ReadOnlySpan<float> norms, Span<float> cosines)
    {
        var j = 0;
        if (!Vector256.IsHardwareAccelerated)
        {
            return 0;
        }

        var count = Math.Min(dots.Length, Math.Min(scales.Length, Math.Min(norms.Length, cosines.Length)));
        var qs = Vector256.Create(queryScale);
        var qn = Vector256.Create(queryNorm);
        for (; j <= count - 8; j += 8)
        {
            var denominator = Vector256.Create(norms[j..]) * qn;
            var estimate = Vector256.ConvertToSingle(Vector256.Create(dots[j..])) * qs * Vector256.Create(scales[j..]);
            Vector256.ConditionalSelect(Vector256.GreaterThan(denominator, Vector256<float>.Zero), estimate / denominator, Vector256<float>.Zero)
                .CopyTo(cosines[j..]);
        }

        return j;
    }

    /// <summary>Writes |code| per component, what <see cref="Dot"/> multiplies by.</summary>
    public static void Magnitudes(ReadOnlySpan<sbyte> codes, Span<byte> magnitudes)
    {
        for (var d = 0; d < codes.Length; d++)
        {
            magnitudes[d] = (byte)Math.Abs((int)codes[d]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Estimate(int dot, float queryScale, float vectorScale) => dot * queryScale * vectorScale;
}
