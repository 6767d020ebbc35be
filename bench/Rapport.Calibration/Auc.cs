namespace Rapport.Calibration;

/// <summary>Area under the ROC curve (Mann-Whitney, ties count half) with a Hanley-McNeil 95% interval.</summary>
internal static class Auc
{
    public static (double Auc, double Low, double High) Of(IReadOnlyList<double> positives, IReadOnlyList<double> negatives)
    {
        var all = positives.Select(v => (v, true)).Concat(negatives.Select(v => (v, false))).OrderBy(x => x.v).ToArray();
        var rankSumPositive = 0.0;
        for (var i = 0; i < all.Length;)
        {
            var j = i;
            while (j < all.Length && all[j].v == all[i].v)
            {
                j++;
            }

            var averageRank = (i + 1 + j) / 2.0;
            for (var k = i; k < j; k++)
            {
                if (all[k].Item2)
                {
                    rankSumPositive += averageRank;
                }
            }

            i = j;
        }

        double np = positives.Count, nn = negatives.Count;
        var auc = (rankSumPositive - np * (np + 1) / 2) / (np * nn);
        var q1 = auc / (2 - auc);
        var q2 = 2 * auc * auc / (1 + auc);
        var se = Math.Sqrt((auc * (1 - auc) + (np - 1) * (q1 - auc * auc) + (nn - 1) * (q2 - auc * auc)) / (np * nn));
        return (auc, auc - 1.96 * se, auc + 1.96 * se);
    }
}
