using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Rapport.Learning;

/// <summary>The vector arithmetic of the learning (<see cref="OutcomeMetric"/>, <see cref="SymmetricEigen"/>) that must run
/// optimised from its first call.</summary>
internal static class LearningKernels
{
    /// <summary>Adds <paramref name="x"/> times <paramref name="a"/> to <paramref name="y"/>, element by element, a multiply
    /// then an add (not fused), exactly as <see cref="TensorPrimitives.MultiplyAdd{T}(ReadOnlySpan{T}, T, ReadOnlySpan{T}, Span{T})"/>
    /// computes it.</summary>
    /// <remarks>The relearning's inner loop. Compiled optimised at its first call: at tier 0, while a busy process (the demo)
    /// kept JIT tiering from promoting the library's kernel, relearnings took seconds instead of tenths
    /// (bench/results/README.md, 2026-12-04 20:40).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void AddScaled(ReadOnlySpan<double> x, double a, Span<double> y)
    {
        if (y.Length < x.Length)
        {
            throw new ArgumentException("The destination is shorter than the source.", nameof(y));
        }

        ref var xs = ref MemoryMarshal.GetReference(x);
        ref var ys = ref MemoryMarshal.GetReference(y);
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var scale = Vector512.Create(a);
            for (; i <= x.Length - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                ((Vector512.LoadUnsafe(ref xs, (nuint)i) * scale) + Vector512.LoadUnsafe(ref ys, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var scale = Vector256.Create(a);
            for (; i <= x.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                ((Vector256.LoadUnsafe(ref xs, (nuint)i) * scale) + Vector256.LoadUnsafe(ref ys, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
            }
        }

        for (; i < x.Length; i++)
        {
            Unsafe.Add(ref ys, i) = (Unsafe.Add(ref xs, i) * a) + Unsafe.Add(ref ys, i);
        }
    }
}
