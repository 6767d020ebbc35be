using Rapport.Learning;

namespace Rapport.Server.Api.Contracts;

/// <summary>What is expected of one kind, and why (see <see cref="KindEstimate"/>).</summary>
public sealed record KindEstimateView(
    string Kind, double Expected, double Score, double Helped, double NotHelped, int Outcomes, double PopulationRate, IReadOnlyList<string> SimilarCaseIds)
{
    /// <summary>Returns the wire form of <paramref name="e"/>.</summary>
    public static KindEstimateView From(KindEstimate e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Kind, e.Expected, e.Score, e.Helped, e.NotHelped, e.Outcomes, e.PopulationRate, [.. e.SimilarCases.Select(h => h.Intervention.Id)]);
    }
}
