namespace Rapport.BehaviourFit;

/// <summary>A deterministic multinomial logistic regression fitter: plain double loops in a fixed order, L-BFGS, fixed iteration bound.</summary>
/// <remarks>
/// Columns are standardized on the weighted training rows (column 0 is the constant and is neither standardized nor
/// penalized); the objective is the weighted mean cross-entropy plus lambda/2 times the squared weights. The fitted
/// weights are mapped back to raw feature space and rounded to 4 decimals, so the same rows give the same file on any
/// machine whose floating point follows IEEE 754 (no threads, no vector instructions, no random numbers).
/// </remarks>
internal static class SoftmaxRegression
{
    public const int Iterations = 200;
    private const int Memory = 8;

    public static double[] Fit(double[][] x, int[] y, double[] rowWeights, int classes, double lambda)
    {
        var n = x.Length;
        var d = x[0].Length;
        var (mean, scale) = Standardization(x, rowWeights);
        var z = new double[n][];
        for (var i = 0; i < n; i++)
        {
            z[i] = new double[d];
            for (var j = 0; j < d; j++)
            {
                z[i][j] = j == 0 ? 1 : (x[i][j] - mean[j]) / scale[j];
            }
        }

        var total = rowWeights.Sum();
        var w = new double[classes * d];
        double Objective(double[] weights, double[] gradient) => Loss(z, y, rowWeights, total, classes, lambda, weights, gradient);
        Lbfgs(Objective, w);
        var raw = new double[classes * d];
        for (var k = 0; k < classes; k++)
        {
            var bias = w[k * d];
            for (var j = 1; j < d; j++)
            {
                raw[(k * d) + j] = Math.Round(w[(k * d) + j] / scale[j], 4);
                bias -= w[(k * d) + j] * mean[j] / scale[j];
            }

            raw[k * d] = Math.Round(bias, 4);
        }

        return raw;
    }

    private static (double[] Mean, double[] Scale) Standardization(double[][] x, double[] rowWeights)
    {
        var d = x[0].Length;
        var mean = new double[d];
        var scale = new double[d];
        var total = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            total += rowWeights[i];
            for (var j = 0; j < d; j++)
            {
                mean[j] += rowWeights[i] * x[i][j];
            }
        }

        for (var j = 0; j < d; j++)
        {
            mean[j] /= total;
        }

        for (var i = 0; i < x.Length; i++)
        {
            for (var j = 0; j < d; j++)
            {
                var delta = x[i][j] - mean[j];
                scale[j] += rowWeights[i] * delta * delta;
            }
        }

        for (var j = 0; j < d; j++)
        {
            var sd = Math.Sqrt(scale[j] / total);
            scale[j] = sd < 1e-9 ? 1 : sd;
        }

        mean[0] = 0;
        scale[0] = 1;
        return (mean, scale);
    }

    private static double Loss(double[][] z, int[] y, double[] rowWeights, double total, int classes, double lambda, double[] w, double[] gradient)
    {
        var d = z[0].Length;
        Array.Clear(gradient);
        var loss = 0.0;
        var p = new double[classes];
        for (var i = 0; i < z.Length; i++)
        {
            var row = z[i];
            var max = double.NegativeInfinity;
            for (var k = 0; k < classes; k++)
            {
                var s = 0.0;
                for (var j = 0; j < d; j++)
                {
                    s += w[(k * d) + j] * row[j];
                }

                p[k] = s;
                max = Math.Max(max, s);
            }

            var sum = 0.0;
            for (var k = 0; k < classes; k++)
            {
                p[k] = Math.Exp(p[k] - max);
                sum += p[k];
            }

            var weight = rowWeights[i] / total;
            loss -= weight * (p[y[i]] > 0 ? Math.Log(p[y[i]] / sum) : -745);
            for (var k = 0; k < classes; k++)
            {
                var residual = weight * ((p[k] / sum) - (k == y[i] ? 1 : 0));
                if (residual == 0)
                {
                    continue;
                }

                for (var j = 0; j < d; j++)
                {
                    gradient[(k * d) + j] += residual * row[j];
                }
            }
        }

        for (var k = 0; k < classes; k++)
        {
            for (var j = 1; j < d; j++)
            {
                var v = w[(k * d) + j];
                loss += 0.5 * lambda * v * v;
                gradient[(k * d) + j] += lambda * v;
            }
        }

        return loss;
    }

    // Limited-memory BFGS with a backtracking (Armijo) line search; stops after Iterations or when the gradient vanishes.
    private static void Lbfgs(Func<double[], double[], double> objective, double[] w)
    {
        var size = w.Length;
        var g = new double[size];
        var f = objective(w, g);
        var s = new List<double[]>();
        var t = new List<double[]>();
        var rho = new List<double>();
        var direction = new double[size];
        var candidate = new double[size];
        var candidateGradient = new double[size];
        var alpha = new double[Memory];
        for (var iteration = 0; iteration < Iterations && Norm(g) > 1e-7; iteration++)
        {
            Array.Copy(g, direction, size);
            for (var m = s.Count - 1; m >= 0; m--)
            {
                alpha[m] = rho[m] * Dot(s[m], direction);
                Axpy(-alpha[m], t[m], direction);
            }

            var gamma = s.Count == 0 ? 1 / Math.Max(Norm(g), 1e-12) : Dot(s[^1], t[^1]) / Dot(t[^1], t[^1]);
            for (var j = 0; j < size; j++)
            {
                direction[j] *= gamma;
            }

            for (var m = 0; m < s.Count; m++)
            {
                var beta = rho[m] * Dot(t[m], direction);
                Axpy(alpha[m] - beta, s[m], direction);
            }

            var slope = -Dot(g, direction);
            if (slope >= 0)
            {
                Array.Copy(g, direction, size);
                slope = -Dot(g, g);
                s.Clear();
                t.Clear();
                rho.Clear();
            }

            var step = 1.0;
            double next;
            while (true)
            {
                for (var j = 0; j < size; j++)
                {
                    candidate[j] = w[j] - (step * direction[j]);
                }

                next = objective(candidate, candidateGradient);
                if (next <= f + (1e-4 * step * slope) || step < 1e-10)
                {
                    break;
                }

                step *= 0.5;
            }

            var sNew = new double[size];
            var tNew = new double[size];
            for (var j = 0; j < size; j++)
            {
                sNew[j] = candidate[j] - w[j];
                tNew[j] = candidateGradient[j] - g[j];
            }

            var curvature = Dot(sNew, tNew);
            if (curvature > 1e-12)
            {
                if (s.Count == Memory)
                {
                    s.RemoveAt(0);
                    t.RemoveAt(0);
                    rho.RemoveAt(0);
                }

                s.Add(sNew);
                t.Add(tNew);
                rho.Add(1 / curvature);
            }

            Array.Copy(candidate, w, size);
            Array.Copy(candidateGradient, g, size);
            if (f - next < 1e-12 * Math.Max(1, Math.Abs(f)))
            {
                break;
            }

            f = next;
        }
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static double Norm(double[] a) => Math.Sqrt(Dot(a, a));

    private static void Axpy(double a, double[] x, double[] y)
    {
        for (var i = 0; i < x.Length; i++)
        {
            y[i] += a * x[i];
        }
    }
}
