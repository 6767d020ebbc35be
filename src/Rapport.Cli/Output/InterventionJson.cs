using Rapport.Memory;

namespace Rapport.Cli.Output;

/// <summary>An intervention as the CLI prints it with <c>--json</c> (the embedding is left out; its model is named).</summary>
internal sealed record InterventionJson(
    string Id,
    string UserId,
    string? SessionId,
    DateTimeOffset CreatedAt,
    string Situation,
    string Kind,
    string Text,
    string? Tool,
    string Outcome,
    int? Rating,
    DateTimeOffset? OutcomeAt,
    double? Quality,
    IReadOnlyDictionary<string, double> Scores,
    IReadOnlyDictionary<string, string> Metadata,
    string EmbeddingModel,
    int EmbeddingDimensions,
    DateTimeOffset ExpiresAt,
    double? Similarity,
    double? Score)
{
    /// <summary>Maps a stored intervention, with its similarity and the score recall ranked it by when it comes from a search.</summary>
    public static InterventionJson From(Intervention i, double? similarity = null, double? score = null) => new(
        i.Id, i.UserId, i.SessionId, i.CreatedAt, i.Situation, i.Kind, i.Text, i.Tool, i.Outcome.ToText(), i.Rating, i.OutcomeAt,
        i.Quality, i.Scores, i.Metadata, i.EmbeddingModel, i.Embedding.Length, i.ExpiresAt,
        similarity, score);
}
