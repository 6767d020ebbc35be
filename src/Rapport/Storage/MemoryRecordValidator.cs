using Rapport.Memory;

namespace Rapport.Storage;

/// <summary>The entry checks every store applies, so that every backend rejects the same input the same way.</summary>
public static class MemoryRecordValidator
{
    /// <summary>Throws an <see cref="ArgumentException"/> that says what is wrong with <paramref name="intervention"/>.</summary>
    public static void Validate(Intervention intervention)
    {
        ArgumentNullException.ThrowIfNull(intervention);
        MemoryIds.ValidateRecordId(intervention.Id, nameof(intervention.Id));
        ValidateContent(
            intervention.UserId, intervention.SessionId, intervention.Situation, intervention.Text, intervention.Kind, intervention.Tool,
            intervention.Outcome, intervention.Rating, intervention.Quality, intervention.Scores, intervention.Metadata);
        ValidateEmbedding(intervention.Embedding.Span, nameof(intervention.Embedding));
    }

    /// <summary>Throws an <see cref="ArgumentException"/> that says what is wrong with a new intervention.</summary>
    public static void Validate(NewIntervention item)
    {
        ArgumentNullException.ThrowIfNull(item);
        ValidateContent(
            item.UserId, item.SessionId, item.Situation, item.Text, item.Kind, item.Tool,
            item.Outcome, item.Rating, item.Quality, item.Scores ?? Intervention.EmptyScores, item.Metadata);
    }

    // The checks a stored intervention and a new one share; parameter names are the record's property names,
    // which is what a caller sees in the error.
    private static void ValidateContent(
        string userId, string? sessionId, string situation, string text, string kind, string? tool, InterventionOutcome outcome,
        int? rating, double? quality, IReadOnlyDictionary<string, double> scores, IReadOnlyDictionary<string, string>? metadata)
    {
        MemoryIds.ValidateUserId(userId, nameof(Intervention.UserId));
        if (sessionId is not null)
        {
            MemoryIds.ValidateSessionId(sessionId, nameof(Intervention.SessionId));
        }

        MemoryLimits.ValidateText(situation, "situation", nameof(Intervention.Situation));
        MemoryLimits.ValidateText(text, "intervention text", nameof(Intervention.Text));
        MemoryLimits.ValidateName(kind, "kind", nameof(Intervention.Kind));
        if (tool is not null)
        {
            MemoryLimits.ValidateName(tool, "tool name", nameof(Intervention.Tool));
        }

        ValidateOutcome(outcome, nameof(Intervention.Outcome));

        MemoryLimits.ValidateRating(rating, nameof(Intervention.Rating));
        if (quality is { } q)
        {
            MemoryLimits.ValidateScore(q, "quality", nameof(Intervention.Quality));
        }

        foreach (var (name, score) in scores)
        {
            MemoryLimits.ValidateName(name, "score name", nameof(Intervention.Scores));
            MemoryLimits.ValidateScore(score, $"score '{name}'", nameof(Intervention.Scores));
        }

        MemoryLimits.ValidateMetadata(metadata, nameof(Intervention.Metadata));
    }

    /// <summary>Throws unless a set-outcome call is well formed: a record id, a defined outcome, a rating of 1-5 or none.</summary>
    public static void ValidateOutcomeUpdate(string id, InterventionOutcome outcome, int? rating)
    {
        MemoryIds.ValidateRecordId(id);
        ValidateOutcome(outcome, nameof(outcome));
        MemoryLimits.ValidateRating(rating);
    }

    /// <summary>Throws unless a vector replacement is well formed: a user id, record ids, finite vectors, embedder names.</summary>
    public static void Validate(string userId, IReadOnlyList<EmbeddingReplacement> replacements)
    {
        MemoryIds.ValidateUserId(userId);
        ArgumentNullException.ThrowIfNull(replacements);
        foreach (var replacement in replacements)
        {
            ArgumentNullException.ThrowIfNull(replacement, nameof(replacements));
            MemoryIds.ValidateRecordId(replacement.Id, nameof(replacements));
            ValidateEmbedderName(replacement.ExpectedModel, nameof(replacements));
            ValidateEmbedderName(replacement.Model, nameof(replacements));
            ValidateEmbedding(replacement.Embedding.Span, nameof(replacements));
        }
    }

    /// <summary>Throws unless <paramref name="model"/> can name an embedder: 1 to 200 characters, no control characters.</summary>
    public static void ValidateEmbedderName(string model, string parameterName = "model")
    {
        if (string.IsNullOrWhiteSpace(model) || model.Length > 200 || model.Any(char.IsControl))
        {
            throw new ArgumentException("Invalid embedder name: use 1 to 200 characters without control characters.", parameterName);
        }
    }

    private static void ValidateOutcome(InterventionOutcome outcome, string parameterName)
    {
        if (!Enum.IsDefined(outcome))
        {
            throw new ArgumentException($"Unknown outcome {(int)outcome}: use {InterventionOutcomeText.Accepted}.", parameterName);
        }
    }

    /// <summary>Throws unless <paramref name="reflection"/> is well formed.</summary>
    public static void Validate(SessionReflection reflection)
    {
        ArgumentNullException.ThrowIfNull(reflection);
        MemoryIds.ValidateRecordId(reflection.Id, nameof(reflection.Id));
        MemoryIds.ValidateUserId(reflection.UserId, nameof(reflection.UserId));
        MemoryIds.ValidateSessionId(reflection.SessionId, nameof(reflection.SessionId));
        MemoryLimits.ValidateText(reflection.Summary, "reflection summary", nameof(reflection.Summary));
        foreach (var insight in reflection.Insights)
        {
            MemoryLimits.ValidateText(insight, "insight", nameof(reflection.Insights));
        }

        if (reflection.InterventionCount < 0 || reflection.HelpedCount < 0 || reflection.NotHelpedCount < 0)
        {
            throw new ArgumentException("Reflection counts cannot be negative.", nameof(reflection));
        }
    }

    /// <summary>Throws unless the stored part of <paramref name="profile"/> is well formed.</summary>
    public static void Validate(UserProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        MemoryIds.ValidateUserId(profile.UserId, nameof(profile.UserId));
        MemoryLimits.ValidateMetadata(profile.Preferences, nameof(profile.Preferences));
        foreach (var fact in profile.Facts)
        {
            MemoryLimits.ValidateText(fact, "profile fact", nameof(profile.Facts));
        }

        if (profile.ExpiresAt is null)
        {
            throw new ArgumentException("A saved profile needs an expiry (ExpiresAt).", nameof(profile));
        }
    }

    /// <summary>Throws unless <paramref name="request"/> is a well-formed search.</summary>
    public static void Validate(MemorySearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        MemoryIds.ValidateUserId(request.UserId, nameof(request.UserId));
        if (request.Top is < 1 or > MemorySearchRequest.MaxTop)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Top, $"Invalid top {request.Top}: use 1-{MemorySearchRequest.MaxTop}.");
        }

        if (request.MinQuality is { } minQuality)
        {
            MemoryLimits.ValidateScore(minQuality, "minimum quality", nameof(request.MinQuality));
        }

        if (!Enum.IsDefined(request.Mode))
        {
            throw new ArgumentException($"Unknown search mode {(int)request.Mode}: use hybrid, dense or lexical.", nameof(request.Mode));
        }

        request.Ranking?.Validate();
        if (request.MinSimilarity is { } minSimilarity && !(minSimilarity is >= -1 and <= 1))
        {
            // NaN would silently match nothing.
            throw new ArgumentOutOfRangeException(
                nameof(request), minSimilarity, $"Invalid minimum similarity {minSimilarity}: use a number from -1 to 1.");
        }

        ValidateEmbedding(request.Embedding.Span, nameof(request.Embedding));
    }

    private static void ValidateEmbedding(ReadOnlySpan<float> embedding, string parameterName)
    {
        if (embedding.IsEmpty)
        {
            throw new ArgumentException("The embedding is empty.", parameterName);
        }

        foreach (var value in embedding)
        {
            if (!float.IsFinite(value))
            {
                throw new ArgumentException("The embedding contains a value that is not a finite number.", parameterName);
            }
        }
    }
}
