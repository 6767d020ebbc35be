using System.Numerics.Tensors;

namespace Rapport.Learning;

/// <summary>A similarity between situations learnt from outcomes over the population: the few directions of the embedding
/// space along which situations that behave alike for the same users lie together.</summary>
/// <remarks>
/// <para>
/// Within one user, two situations of the same sort share what helps with them, so their outcomes for the same kind agree
/// more often than chance; situations of different sorts do not. Over all users, every pair of one user's outcomes for one
/// kind adds the outer product of the two situations' vectors (centred on the population's mean), weighted by how much the
/// two outcomes agree: (y_i - r)(y_j - r), r the kind's rate. In expectation the sum is positive only along directions that
/// separate sorts of situation that behave differently. A direction is kept only when its eigenvalue exceeds the top
/// eigenvalues of three sums alike but with each outcome's surprise given a random sign, which have the same noise and no
/// agreement; with too little data none does, and there is no metric.
/// </para>
/// <para>
/// What is kept is aggregate: the directions (unit vectors), never a user's situation or outcome. The cost is one pass over
/// the outcomes per sum (d^2 per outcome for d dimensions) and randomized eigen-solutions (<see cref="SymmetricEigen.Extremes"/>).
/// Immutable and thread-safe.
/// </para>
/// </remarks>
internal sealed class OutcomeMetric
{
    private const int Subspace = 48;

    // How many random-sign sums the noise level is the largest top eigenvalue of: one lets a direction through by chance.
    private const int NoiseDraws = 3;

    private OutcomeMetric(float[][] axes) => Axes = axes;

    /// <summary>Gets the kept directions, unit vectors in the embedding space, strongest first.</summary>
    public float[][] Axes { get; }

    /// <summary>Gets the number of dimensions of the embedding space.</summary>
    public int Dimensions => Axes[0].Length;

    /// <summary>Learns the metric, or returns <see langword="null"/> when the outcomes do not show any direction above the
    /// noise or come from fewer than <paramref name="minimumUsers"/> users with two outcomes of one kind.</summary>
    /// <param name="outcomes">Outcomes of many users; those whose vector is empty or of another length than the first are skipped.</param>
    /// <param name="maximumDirections">The most directions to keep.</param>
    /// <param name="minimumUsers">The fewest users whose outcomes must contribute.</param>
    /// <param name="maxParallelism">The most sums solved at once (-1: as many as the thread pool gives); the result is the same.</param>
    public static OutcomeMetric? Learn(IReadOnlyList<SituationOutcome> outcomes, int maximumDirections, int minimumUsers, int maxParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var usable = outcomes.Where(o => o.Situation.Length > 0).ToList();
        if (usable.Count < 2)
        {
            return null;
        }

        var d = usable[0].Situation.Length;
        usable.RemoveAll(o => o.Situation.Length != d);
        var units = usable.Select(o => Unit(o.Situation.Span)).ToList();
        var mean = new double[d];
        foreach (var unit in units)
        {
            TensorPrimitives.Add<double>(mean, unit, mean);
        }

        TensorPrimitives.Divide<double>(mean, units.Count, mean);
        foreach (var unit in units)
        {
            TensorPrimitives.Subtract<double>(unit, mean, unit);
        }

        var rates = usable.GroupBy(o => o.Kind, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (g.Count(o => o.Helped) + 1.0) / (g.Count() + 2.0), StringComparer.Ordinal);

        var groups = Enumerable.Range(0, usable.Count).GroupBy(i => (usable[i].User, usable[i].Kind)).Select(g => g.ToArray()).Where(g => g.Length > 1).ToList();
        var users = groups.Select(g => usable[g[0]].User).Distinct().Count();
        var surprises = usable.Select(o => (o.Helped ? 1 : 0) - rates[o.Kind]).ToArray();
        if (users < minimumUsers)
        {
            return null;
        }

        // The noise's largest eigenvalue: the same sum with every outcome's surprise given a random sign keeps the noise (its
        // spectrum leans to the positive side, so the most negative eigenvalue would understate it) and loses the agreement.
        // The signs are drawn first and each sum is solved on its own, so solving them side by side gives the same result.
        var random = new Random(20261204);
        var draws = new double[1 + NoiseDraws][];
        draws[0] = surprises;
        for (var draw = 1; draw <= NoiseDraws; draw++)
        {
            draws[draw] = [.. surprises.Select(a => random.Next(2) == 0 ? a : -a)];
        }

        var solutions = new (double[] Values, double[][] Vectors)[draws.Length];
        Parallel.For(0, draws.Length, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism }, k => solutions[k] = SymmetricEigen.Extremes(Agreement(groups, units, draws[k]), Math.Min(Subspace, d)));
        var (values, vectors) = solutions[0];
        var noise = solutions.Skip(1).Select(s => s.Values[0]).Append(0.0).Max();
        var kept = Enumerable.Range(0, values.Length).Where(j => values[j] > noise).Take(maximumDirections).Select(j => vectors[j]).ToArray();
        return kept.Length == 0 ? null : new OutcomeMetric([.. kept.Select(v => v.Select(x => (float)x).ToArray())]);
    }

    /// <summary>Returns the coordinates of a situation's unit vector along the kept directions, or <see langword="null"/> when
    /// its length differs or it is zero.</summary>
    public double[]? Project(ReadOnlySpan<float> situation)
    {
        var norm = situation.Length == Dimensions ? TensorPrimitives.Norm(situation) : 0;
        if (!(norm > 0))
        {
            return null;
        }

        var point = new double[Axes.Length];
        for (var j = 0; j < Axes.Length; j++)
        {
            point[j] = TensorPrimitives.Dot(Axes[j], situation) / norm;
        }

        return point;
    }

    /// <summary>Returns the cosine similarities along the kept directions between the past situations and, last, the current
    /// one, after subtracting the past situations' mean there (what all of them share); <see langword="null"/> when a vector
    /// is missing or of another length.</summary>
    /// <returns>The symmetric (n+1) x (n+1) matrix, the current situation's row and column last.</returns>
    public double[,]? CenteredSimilarities(IReadOnlyList<ReadOnlyMemory<float>> past, ReadOnlyMemory<float> current)
    {
        var n = past.Count;
        var points = new double[n + 1][];
        for (var i = 0; i <= n; i++)
        {
            if (Project((i < n ? past[i] : current).Span) is not { } point)
            {
                return null;
            }

            points[i] = point;
        }

        var mean = new double[Axes.Length];
        for (var i = 0; i < n; i++)
        {
            TensorPrimitives.Add<double>(mean, points[i], mean);
        }

        TensorPrimitives.Divide<double>(mean, Math.Max(n, 1), mean);
        var lengths = new double[n + 1];
        for (var i = 0; i <= n; i++)
        {
            TensorPrimitives.Subtract<double>(points[i], mean, points[i]);
            lengths[i] = Math.Max(1e-6, TensorPrimitives.Norm<double>(points[i]));
        }

        var similarities = new double[n + 1, n + 1];
        for (var i = 0; i <= n; i++)
        {
            for (var j = i; j <= n; j++)
            {
                similarities[i, j] = similarities[j, i] = TensorPrimitives.Dot<double>(points[i], points[j]) / (lengths[i] * lengths[j]);
            }
        }

        return similarities;
    }

    private static double[] Unit(ReadOnlySpan<float> vector)
    {
        var unit = new double[vector.Length];
        for (var i = 0; i < vector.Length; i++)
        {
            unit[i] = vector[i];
        }

        var norm = TensorPrimitives.Norm<double>(unit);
        if (norm > 0)
        {
            TensorPrimitives.Divide<double>(unit, norm, unit);
        }

        return unit;
    }

    // Over every group (one user's outcomes of one kind), the sum over its pairs i != j of a_i a_j x_i x_j^T, which is
    // (sum a x)(sum a x)^T minus each a_i^2 x_i x_i^T: one weighted outer product per group and one per member.
    private static double[][] Agreement(List<int[]> groups, List<double[]> units, double[] surprises)
    {
        var d = units[0].Length;
        var terms = new List<(double[] Vector, double Weight)>();
        foreach (var group in groups)
        {
            var sum = new double[d];
            foreach (var i in group)
            {
                LearningKernels.AddScaled(units[i], surprises[i], sum);
                terms.Add((units[i], -(surprises[i] * surprises[i])));
            }

            terms.Add((sum, 1));
        }

        return SumOfOuterProducts(terms, d);
    }

    // Sum of w v v^T over the terms, d x d. Blocked so that a row of the result stays in cache while a block of terms is
    // added to it, and only its upper half computed: memory traffic, not arithmetic, would otherwise dominate.
    private static double[][] SumOfOuterProducts(List<(double[] Vector, double Weight)> terms, int d)
    {
        const int Block = 64;
        var matrix = new double[d][];
        for (var i = 0; i < d; i++)
        {
            matrix[i] = new double[d];
        }

        for (var start = 0; start < terms.Count; start += Block)
        {
            var end = Math.Min(start + Block, terms.Count);
            for (var i = 0; i < d; i++)
            {
                var row = matrix[i].AsSpan(i);
                for (var t = start; t < end; t++)
                {
                    var (vector, weight) = terms[t];
                    if (vector[i] != 0)
                    {
                        LearningKernels.AddScaled(vector.AsSpan(i), weight * vector[i], row);
                    }
                }
            }
        }

        for (var i = 0; i < d; i++)
        {
            for (var j = 0; j < i; j++)
            {
                matrix[i][j] = matrix[j][i];
            }
        }

        return matrix;
    }
}
