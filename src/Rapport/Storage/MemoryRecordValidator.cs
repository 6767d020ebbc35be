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
        MemoryIds.ValidateUserId(intervention.UserId, nameof(intervention.UserId));
        if (intervention.SessionId is not null)
        {
            MemoryIds.ValidateSessionId(intervention.SessionId, nameof(intervention.SessionId));
        }

        MemoryLimits.ValidateText(intervention.Situation, "situation", nameof(intervention.Situation));
        MemoryLimits.ValidateText(intervention.Text, "intervention text", nameof(intervention.Text));
        MemoryLimits.ValidateName(intervention.Kind, "kind", nameof(intervention.Kind));
        if (intervention.Tool is not null)
        {
            MemoryLimits.ValidateName(intervention.Tool, "tool name", nameof(intervention.Tool));
        }

        if (!Enum.IsDefined(intervention.Outcome))
        {
            throw new ArgumentException($"Unknown outcome {(int)intervention.Outcome}: use {InterventionOutcomeText.Accepted}.", nameof(intervention.Outcome));
        }

        MemoryLimits.ValidateRating(intervention.Rating, nameof(intervention.Rating));
        if (intervention.Quality is { } quality)
        {
            MemoryLimits.ValidateScore(quality, "quality", nameof(intervention.Quality));
        }

        foreach (var (name, score) in intervention.Scores)
        {
            MemoryLimits.ValidateName(name, "score name", nameof(intervention.Scores));
            MemoryLimits.ValidateScore(score, $"score '{name}'", nameof(intervention.Scores));
        }

        MemoryLimits.ValidateMetadata(intervention.Metadata, nameof(intervention.Metadata));
        ValidateEmbedding(intervention.Embedding.Span, nameof(intervention.Embedding));
    }

    /// <summary>Throws an <see cref="ArgumentException"/> that says what is wrong with a new intervention.</summary>
    public static void Validate(NewIntervention item)
    {
        ArgumentNullException.ThrowIfNull(item);
        MemoryIds.ValidateUserId(item.UserId, nameof(item.UserId));
        if (item.SessionId is not null)
        {
            MemoryIds.ValidateSessionId(item.SessionId, nameof(item.SessionId));
        }

        MemoryLimits.ValidateText(item.Situation, "situation", nameof(item.Situation));
        MemoryLimits.ValidateText(item.Text, "intervention text", nameof(item.Text));
        MemoryLimits.ValidateName(item.Kind, "kind", nameof(item.Kind));
        if (item.Tool is not null)
        {
            MemoryLimits.ValidateName(item.Tool, "tool name", nameof(item.Tool));
        }

        if (!Enum.IsDefined(item.Outcome))
        {
            throw new ArgumentException($"Unknown outcome {(int)item.Outcome}: use {InterventionOutcomeText.Accepted}.", nameof(item.Outcome));
        }

        MemoryLimits.ValidateRating(item.Rating, nameof(item.Rating));
        if (item.Quality is { } quality)
        {
            MemoryLimits.ValidateScore(quality, "quality", nameof(item.Quality));
        }

        foreach (var (name, score) in item.Scores ?? Intervention.EmptyScores)
        {
            MemoryLimits.ValidateName(name, "score name", nameof(item.Scores));
            MemoryLimits.ValidateScore(score, $"score '{name}'", nameof(item.Scores));
        }

        MemoryLimits.ValidateMetadata(item.Metadata);
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
