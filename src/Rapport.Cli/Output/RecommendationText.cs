using System.Globalization;
using Rapport.Learning;
using Rapport.Memory;

namespace Rapport.Cli.Output;

/// <summary>What <c>/why</c> prints in <c>rapport chat</c>: the kind chosen, and every kind's estimate with its evidence.</summary>
internal static class RecommendationText
{
    public static IEnumerable<string> Lines(string chosen, Recommendation recommendation)
    {
        yield return $"chose {chosen}; estimates for this situation (chance it helps, ranking score, your weighted outcomes, population rate):";
        foreach (var e in recommendation.Ranked)
        {
            var mark = e.Kind == chosen ? "*" : " ";
            yield return string.Create(
                CultureInfo.InvariantCulture,
                $"{mark} {e.Kind,-12} expected {e.Expected:0.00}  score {e.Score:0.00}  helped {e.Helped:0.0} / not {e.NotHelped:0.0} of {e.Outcomes} outcomes  population {e.PopulationRate:0.00}");
            if (e.SimilarCases.Count > 0)
            {
                var closest = e.SimilarCases[0];
                yield return string.Create(
                    CultureInfo.InvariantCulture,
                    $"    closest: \"{TextFit.Line(closest.Intervention.Situation, 60)}\" (similarity {closest.Similarity:0.00}, {closest.Intervention.Outcome.ToText()})");
            }
        }
    }
}
