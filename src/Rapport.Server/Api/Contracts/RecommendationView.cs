using Rapport.Learning;

namespace Rapport.Server.Api.Contracts;

/// <summary>Kinds of intervention ranked for a situation, best first.</summary>
/// <param name="Best">The best kind.</param>
/// <param name="Ranked">Every kind with its estimate.</param>
public sealed record RecommendationView(string Best, IReadOnlyList<KindEstimateView> Ranked)
{
    /// <summary>Returns the wire form of <paramref name="recommendation"/>.</summary>
    public static RecommendationView From(Recommendation recommendation)
    {
        ArgumentNullException.ThrowIfNull(recommendation);
        return new(recommendation.Best.Kind, [.. recommendation.Ranked.Select(KindEstimateView.From)]);
    }
}
