namespace Rapport.Calibration;

/// <summary>Area under the ROC curve (Mann-Whitney: the chance a random better item scores above a random worse one, ties half).</summary>
internal static class Auc
{
    public static double Of(IReadOnlyList<(bool Better, double Score)> items)
    {
        var all = items.OrderBy(x => x.Score).ToArray();
        double rankSumBetter = 0, better = 0;
        for (var i = 0; i < all.Length;)
        {
            var j = i;
            while (j < all.Length && all[j].Score == all[i].Score)
            {
                j++;
            }

            var averageRank = (i + 1 + j) / 2.0;
            for (var k = i; k < j; k++)
            {
                if (all[k].Better)
                {
                    rankSumBetter += averageRank;
                    better++;
                }
            }

            i = j;
        }

        var worse = all.Length - better;
        return better == 0 || worse == 0 ? double.NaN : (rankSumBetter - (better * (better + 1) / 2)) / (better * worse);
    }
}
