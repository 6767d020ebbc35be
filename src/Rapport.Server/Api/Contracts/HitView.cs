using Rapport.Storage;

namespace Rapport.Server.Api.Contracts;

/// <summary>A recalled intervention and how well it matched.</summary>
/// <param name="Intervention">The intervention.</param>
/// <param name="Similarity">Cosine similarity of the situations.</param>
/// <param name="Score">The ranking score (hybrid lexical + dense).</param>
public sealed record HitView(InterventionView Intervention, double Similarity, double Score)
{
    /// <summary>Returns the wire form of <paramref name="hit"/>.</summary>
    public static HitView From(MemorySearchHit hit)
    {
        ArgumentNullException.ThrowIfNull(hit);
        return new(InterventionView.From(hit.Intervention), hit.Similarity, hit.Score);
    }
}
