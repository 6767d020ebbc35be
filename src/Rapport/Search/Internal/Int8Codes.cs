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
