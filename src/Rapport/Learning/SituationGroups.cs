namespace Rapport.Learning;

/// <summary>Groups the current situation with the user's past ones that read as the same sort of trouble.</summary>
/// <remarks>
/// Average-linkage agglomerative clustering over similarities (centred ones, see <see cref="LearningOptions.CenterSimilarities"/>):
/// the two groups whose members are most alike on average merge, until no two groups average at least the threshold. A past
/// situation that is not much like the current one in its own words can still join it through the situations between them,
/// and a single close wording of another trouble does not pull a whole group along. Uses only the user's own situations.
/// O(n^2) memory and O(n^3) time at worst for n situations (n is at most <see cref="LearningOptions.History"/> + 1).
/// </remarks>
internal static class SituationGroups
{
    /// <summary>Returns, for each of the first n-1 situations, whether it ends in the same group as the last one (the current situation).</summary>
    /// <param name="similarities">The symmetric n x n similarities; the last row and column are the current situation's.</param>
    /// <param name="threshold">The least average similarity at which two groups still merge.</param>
    public static bool[] WithCurrent(double[,] similarities, double threshold)
    {
        var n = similarities.GetLength(0);
        // sums[a, b]: the sum of similarities between the members of groups a and b; sizes[a]: members of a (0 once merged away).
        var sums = (double[,])similarities.Clone();
        var sizes = new int[n];
        var group = new int[n];
        for (var i = 0; i < n; i++)
        {
            sizes[i] = 1;
            group[i] = i;
        }

        while (true)
        {
            var best = double.NegativeInfinity;
            var (left, right) = (-1, -1);
            for (var a = 0; a < n; a++)
            {
                for (var b = a + 1; b < n && sizes[a] > 0; b++)
                {
                    if (sizes[b] > 0 && sums[a, b] / (sizes[a] * sizes[b]) is var average && average > best)
                    {
                        (best, left, right) = (average, a, b);
                    }
                }
            }

            if (left < 0 || best < threshold)
            {
                break;
            }

            for (var c = 0; c < n; c++)
            {
                sums[left, c] += sums[right, c];
                sums[c, left] = sums[left, c];
            }

            sizes[left] += sizes[right];
            sizes[right] = 0;
            for (var i = 0; i < n; i++)
            {
                group[i] = group[i] == right ? left : group[i];
            }
        }

        var current = group[n - 1];
        var same = new bool[n - 1];
        for (var i = 0; i < n - 1; i++)
        {
            same[i] = group[i] == current;
        }

        return same;
    }
}
