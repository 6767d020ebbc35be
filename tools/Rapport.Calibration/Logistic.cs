namespace Rapport.Calibration;

/// <summary>One training row: features, target (0 or 1) and weight.</summary>
internal readonly record struct Row(double[] X, double Y, double W);

/// <summary>L2-regularized logistic regression by Newton's method, with sign constraints on chosen weights.</summary>
/// <remarks>
/// Weights with a required sign (+1: at least 0, -1: at most 0) that come out with the wrong one are fixed at 0 and
/// the rest refitted, until none is violated. The constant (index 0) is not regularized.
/// </remarks>
internal static class Logistic
{
    public static double[] Fit(IReadOnlyList<Row> rows, int dims, double lambda, int[] signs)
    {
        var fixedZero = new bool[dims];
        while (true)
        {
            var w = Newton(rows, dims, lambda, fixedZero);
            var violated = false;
            for (var j = 0; j < dims; j++)
            {
                if (!fixedZero[j] && signs[j] != 0 && w[j] * signs[j] < 0)
                {
                    fixedZero[j] = true;
                    violated = true;
                }
            }

            if (!violated)
            {
                return w;
            }
        }
    }

    public static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    public static double Dot(double[] w, double[] x)
    {
        var z = 0.0;
        for (var j = 0; j < w.Length; j++)
        {
            z += w[j] * x[j];
        }

        return z;
    }

    private static double[] Newton(IReadOnlyList<Row> rows, int dims, double lambda, bool[] fixedZero)
    {
        var w = new double[dims];
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var h = new double[dims, dims];
            var g = new double[dims];
            foreach (var row in rows)
            {
                var p = Sigmoid(Dot(w, row.X));
                var r = row.W * (row.Y - p);
                var c = row.W * p * (1 - p);
                for (var a = 0; a < dims; a++)
                {
                    if (row.X[a] == 0)
                    {
                        continue;
                    }

                    g[a] += r * row.X[a];
                    for (var b = 0; b < dims; b++)
                    {
                        h[a, b] += c * row.X[a] * row.X[b];
                    }
                }
            }

            for (var a = 1; a < dims; a++)
            {
                g[a] -= lambda * w[a];
                h[a, a] += lambda;
            }

            for (var a = 0; a < dims; a++)
            {
                if (fixedZero[a])
                {
                    for (var b = 0; b < dims; b++)
                    {
                        h[a, b] = h[b, a] = 0;
                    }

                    h[a, a] = 1;
                    g[a] = 0;
                }
            }

            var step = Solve(h, g);
            var size = 0.0;
            for (var a = 0; a < dims; a++)
            {
                w[a] += step[a];
                size = Math.Max(size, Math.Abs(step[a]));
            }

            if (size < 1e-9)
            {
                break;
            }
        }

        return w;
    }

    // Gaussian elimination with partial pivoting; the Hessian is small (one row per feature).
    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
            {
                if (Math.Abs(m[r, col]) > Math.Abs(m[pivot, col]))
                {
                    pivot = r;
                }
            }

            for (var c = 0; c < n; c++)
            {
                (m[col, c], m[pivot, c]) = (m[pivot, c], m[col, c]);
            }

            (x[col], x[pivot]) = (x[pivot], x[col]);
            for (var r = col + 1; r < n; r++)
            {
                var f = m[r, col] / m[col, col];
                for (var c = col; c < n; c++)
                {
                    m[r, c] -= f * m[col, c];
                }

                x[r] -= f * x[col];
            }
        }

        for (var r = n - 1; r >= 0; r--)
        {
            for (var c = r + 1; c < n; c++)
            {
                x[r] -= m[r, c] * x[c];
            }

            x[r] /= m[r, r];
        }

        return x;
    }
}
