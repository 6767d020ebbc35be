using Rapport.Memory;

namespace Rapport.Server.Api.Contracts;

/// <summary>An intervention on the wire (without its embedding).</summary>
public sealed record InterventionView(
    string Id, string UserId, string? SessionId, DateTimeOffset CreatedAt, string Situation, string Kind, string Text, string? Tool,
    string Outcome, int? Rating, DateTimeOffset? OutcomeAt, IReadOnlyDictionary<string, double> Scores, double? Quality,
    IReadOnlyDictionary<string, string> Metadata, DateTimeOffset ExpiresAt)
{
    /// <summary>Returns the wire form of <paramref name="i"/>.</summary>
    public static InterventionView From(Intervention i)
    {
        ArgumentNullException.ThrowIfNull(i);
        return new(i.Id, i.UserId, i.SessionId, i.CreatedAt, i.Situation, i.Kind, i.Text, i.Tool, i.Outcome.ToText(), i.Rating, i.OutcomeAt,
            i.Scores, i.Quality, i.Metadata, i.ExpiresAt);
    }
}
