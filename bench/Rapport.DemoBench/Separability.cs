using System.Numerics.Tensors;
using Rapport.Demo;

namespace Rapport.DemoBench;

/// <summary>How well the embedder tells the demo's types of situation apart: what Rapport must do from the words alone.</summary>
/// <param name="SameType">Mean cosine between two wordings of one type with different core phrasings.</param>
/// <param name="OtherType">Mean cosine between wordings of two types.</param>
/// <param name="Auc">Chance that a same-type pair (different cores) is more similar than a cross-type pair.</param>
/// <param name="NearestSameType">Share of each wording's 12 nearest wordings with another core that are of its type.</param>
internal sealed record Separability(double SameType, double OtherType, double Auc, double NearestSameType)
{
    /// <summary>Gets the 10th, 25th, 50th, 75th and 90th percentiles of same-type similarities.</summary>
    public string SameTypeDeciles { get; init; } = "";

    /// <summary>Gets the same percentiles of cross-type similarities.</summary>
    public string OtherTypeDeciles { get; init; } = "";

    private static string Deciles(List<float> values)
    {
        var sorted = values.Order().ToList();
        return string.Join(" / ", new[] { 0.1, 0.25, 0.5, 0.75, 0.9 }.Select(q => sorted[(int)(q * (sorted.Count - 1))].ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)));
    }

    public static Separability Measure(IReadOnlyList<(string Type, int Core, float[] Vector)> wordings)
    {
        var same = new List<float>();
        var other = new List<float>();
        var nearestSame = 0d;
        var similarities = new (float Similarity, bool SameType)[wordings.Count];
        for (var i = 0; i < wordings.Count; i++)
        {
            var n = 0;
            for (var j = 0; j < wordings.Count; j++)
            {
                if (wordings[i].Type == wordings[j].Type && wordings[i].Core == wordings[j].Core)
                {
                    continue;
                }

                var similarity = TensorPrimitives.CosineSimilarity(wordings[i].Vector, wordings[j].Vector);
                var sameType = wordings[i].Type == wordings[j].Type;
                similarities[n++] = (similarity, sameType);
                if (j > i)
                {
                    (sameType ? same : other).Add(similarity);
                }
            }

            nearestSame += similarities.Take(n).OrderByDescending(s => s.Similarity).Take(12).Count(s => s.SameType) / 12.0;
        }

        return new Separability(same.Average(), other.Average(), AreaUnderCurve(same, other), nearestSame / wordings.Count)
        {
            SameTypeDeciles = Deciles(same),
            OtherTypeDeciles = Deciles(other),
        };
    }

    public static IReadOnlyList<(string Type, int Core, string Text)> Wordings() =>
        [.. from type in SituationBank.Types
            from core in type.Value.Select((text, index) => (text, index))
            from opener in SituationBank.Openers
            from closer in SituationBank.Closers
            select (type.Key, core.index, Capitalize(opener + core.text + closer))];

    // Mann-Whitney: the share of (same, other) pairs where the same-type pair is more similar (ties count half).
    private static double AreaUnderCurve(List<float> same, List<float> other)
    {
        var all = same.Select(s => (Value: s, Same: true)).Concat(other.Select(o => (Value: o, Same: false))).OrderBy(x => x.Value).ToList();
        double rankSum = 0;
        var i = 0;
        while (i < all.Count)
        {
            var j = i;
            while (j + 1 < all.Count && all[j + 1].Value == all[i].Value)
            {
                j++;
            }

            var rank = (i + j + 2) / 2.0;
            for (var k = i; k <= j; k++)
            {
                if (all[k].Same)
                {
                    rankSum += rank;
                }
            }

            i = j + 1;
        }

        return (rankSum - (same.Count * (same.Count + 1) / 2.0)) / ((double)same.Count * other.Count);
    }

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
