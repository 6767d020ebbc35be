using System.Numerics.Tensors;

namespace Rapport.Learning;

/// <summary>Eigenvalues and eigenvectors of real symmetric matrices: all of a small one, or the extreme ones of a large one.</summary>
/// <remarks>Deterministic: the randomized method draws its start from a fixed seed, so the same matrix gives the same result.</remarks>
internal static class SymmetricEigen
{
    /// <summary>Approximates the eigenpairs of largest magnitude of <paramref name="matrix"/> (both signs), by a randomized
    /// subspace iteration (Halko, Martinsson and Tropp, 2011) and an exact solution on the subspace.</summary>
    /// <param name="matrix">The symmetric d x d matrix, as rows.</param>
    /// <param name="count">How many pairs; the subspace is this wide.</param>
    /// <param name="iterations">How many multiplications by the matrix sharpen the subspace.</param>
    /// <returns>The eigenvalues, largest first, and the unit eigenvectors in the same order.</returns>
    /// <remarks>O(d^2 count iterations): for d = 384 and count 48 a few tens of milliseconds, where a full decomposition takes a second.</remarks>
    public static (double[] Values, double[][] Vectors) Extremes(double[][] matrix, int count, int iterations = 4)
    {
        var d = matrix.Length;
        count = Math.Min(count, d);
        var random = new Random(20261204);
        var basis = new double[count][];
        for (var j = 0; j < count; j++)
        {
            basis[j] = new double[d];
            for (var i = 0; i < d; i++)
            {
                basis[j][i] = random.NextDouble() - 0.5;
            }
        }

        Orthonormalize(basis);
        for (var step = 0; step < iterations; step++)
        {
            basis = [.. basis.Select(b => Multiply(matrix, b))];
            Orthonormalize(basis);
        }

        var images = basis.Select(b => Multiply(matrix, b)).ToArray();
        var small = new double[count][];
        for (var a = 0; a < count; a++)
        {
            small[a] = new double[count];
            for (var b = 0; b < count; b++)
            {
                small[a][b] = TensorPrimitives.Dot<double>(basis[a], images[b]);
            }
        }

        // Symmetrize what rounding left uneven, then solve exactly on the subspace.
        for (var a = 0; a < count; a++)
        {
            for (var b = a + 1; b < count; b++)
            {
                small[a][b] = small[b][a] = (small[a][b] + small[b][a]) / 2;
            }
        }

        var (values, vectors) = Jacobi(small);
        var order = Enumerable.Range(0, count).OrderByDescending(i => values[i]).ToArray();
        var full = new double[count][];
        for (var j = 0; j < count; j++)
        {
            full[j] = new double[d];
            for (var a = 0; a < count; a++)
            {
                LearningKernels.AddScaled(basis[a], vectors[order[j]][a], full[j]);
            }
        }

        return ([.. order.Select(i => values[i])], full);
    }

    /// <summary>All eigenpairs of a small symmetric matrix by cyclic Jacobi rotations.</summary>
    /// <returns>The eigenvalues (unordered) and, for each, its unit eigenvector (<c>Vectors[i]</c> belongs to <c>Values[i]</c>).</returns>
    /// <remarks>O(n^3) per sweep, a handful of sweeps: meant for n up to about a hundred.</remarks>
    public static (double[] Values, double[][] Vectors) Jacobi(double[][] matrix)
    {
        var n = matrix.Length;
        var a = matrix.Select(r => (double[])r.Clone()).ToArray();
        // vectors[i] is the i-th eigenvector (the rotations are applied to rows, which keeps each rotation on two arrays).
        var vectors = new double[n][];
        var scale = 0.0;
        for (var i = 0; i < n; i++)
        {
            vectors[i] = new double[n];
            vectors[i][i] = 1;
            scale += TensorPrimitives.SumOfSquares<double>(a[i]);
        }

        for (var sweep = 0; sweep < 100; sweep++)
        {
            var off = 0.0;
            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    off += a[p][q] * a[p][q];
                }
            }

            if (off <= 1e-24 * scale || off == 0)
            {
                break;
            }

            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    Rotate(a, vectors, p, q);
                }
            }
        }

        return ([.. Enumerable.Range(0, n).Select(i => a[i][i])], vectors);
    }

    // The rotation in the (p, q) plane that zeroes a[p][q]: A' = J^T A J, and the eigenvector rows turn with it.
    private static void Rotate(double[][] a, double[][] vectors, int p, int q)
    {
        var apq = a[p][q];
        if (apq == 0)
        {
            return;
        }

        var theta = (a[q][q] - a[p][p]) / (2 * apq);
        var t = (theta >= 0 ? 1 : -1) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
        var c = 1 / Math.Sqrt((t * t) + 1);
        var s = t * c;
        var n = a.Length;
        for (var k = 0; k < n; k++)
        {
            var (akp, akq) = (a[k][p], a[k][q]);
            a[k][p] = (c * akp) - (s * akq);
            a[k][q] = (s * akp) + (c * akq);
        }

        for (var k = 0; k < n; k++)
        {
            var (apk, aqk) = (a[p][k], a[q][k]);
            a[p][k] = (c * apk) - (s * aqk);
            a[q][k] = (s * apk) + (c * aqk);
        }

        var (vp, vq) = (vectors[p], vectors[q]);
        for (var k = 0; k < n; k++)
        {
            var (x, y) = (vp[k], vq[k]);
            vp[k] = (c * x) - (s * y);
            vq[k] = (s * x) + (c * y);
        }
    }

    private static double[] Multiply(double[][] matrix, double[] vector)
    {
        var result = new double[matrix.Length];
        for (var i = 0; i < matrix.Length; i++)
        {
            result[i] = TensorPrimitives.Dot<double>(matrix[i], vector);
        }

        return result;
    }

    // Modified Gram-Schmidt, twice for accuracy; a vector that vanishes (the matrix has lower rank) stays zero.
    private static void Orthonormalize(double[][] basis)
    {
        for (var pass = 0; pass < 2; pass++)
        {
            for (var j = 0; j < basis.Length; j++)
            {
                for (var i = 0; i < j; i++)
                {
                    var projection = TensorPrimitives.Dot<double>(basis[i], basis[j]);
                    LearningKernels.AddScaled(basis[i], -projection, basis[j]);
                }

                var norm = TensorPrimitives.Norm<double>(basis[j]);
                if (norm > 1e-12)
                {
                    TensorPrimitives.Divide<double>(basis[j], norm, basis[j]);
                }
                else
                {
                    Array.Clear(basis[j]);
                }
            }
        }
    }
}
