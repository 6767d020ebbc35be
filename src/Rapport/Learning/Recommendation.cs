namespace Rapport.Learning;

/// <summary>The kinds of intervention ranked for one user's current situation, best first, with their evidence.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Situation">The situation the kinds were ranked for.</param>
/// <param name="Ranked">Every candidate kind, best first (ties broken by kind name).</param>
public sealed record Recommendation(string UserId, string Situation, IReadOnlyList<KindEstimate> Ranked)
{
    /// <summary>Gets the best-ranked kind.</summary>
    public KindEstimate Best => Ranked[0];
}
