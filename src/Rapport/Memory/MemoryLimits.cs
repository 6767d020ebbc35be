namespace Rapport.Memory;

/// <summary>Limits on what a memory may hold, checked at every entry point.</summary>
/// <remarks>
/// Memories are short: a situation is what a user said in one turn and a text is one coaching turn.
/// The limits keep one bad call from filling a store, and keep vectors and prompts meaningful.
/// </remarks>
public static class MemoryLimits
{
    /// <summary>The longest situation or agent text, in characters.</summary>
    public const int MaxTextLength = 8_000;

    /// <summary>The longest kind or tool name, in characters.</summary>
    public const int MaxNameLength = 64;

    /// <summary>The most metadata entries on one record.</summary>
    public const int MaxMetadataEntries = 32;

    /// <summary>The longest metadata key, in characters.</summary>
    public const int MaxMetadataKeyLength = 64;

    /// <summary>The longest metadata value, in characters.</summary>
    public const int MaxMetadataValueLength = 1_024;

    /// <summary>Throws unless <paramref name="text"/> is non-blank and at most <see cref="MaxTextLength"/> characters.</summary>
    public static string ValidateText(string? text, string what, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException($"The {what} is empty: give 1-{MaxTextLength:N0} characters of text.", parameterName);
        }

        if (text.Length > MaxTextLength)
        {
            throw new ArgumentException(
                $"The {what} has {text.Length:N0} characters: at most {MaxTextLength:N0} are accepted.", parameterName);
        }

        return text;
    }

    /// <summary>Throws unless <paramref name="name"/> is a kind or tool name: 1-64 of letters, digits, <c>_ - .</c>.</summary>
    public static string ValidateName(string? name, string what, string parameterName)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || !name.All(IsNameChar))
        {
            throw new ArgumentException(
                $"Invalid {what} '{name}': use 1-{MaxNameLength} characters of ASCII letters, digits and _ - .", parameterName);
        }

        return name;
    }

    /// <summary>Throws unless <paramref name="rating"/> is <see langword="null"/> or 1-5.</summary>
    public static int? ValidateRating(int? rating, string parameterName = "rating") =>
        rating is null or (>= 1 and <= 5)
            ? rating
            : throw new ArgumentOutOfRangeException(parameterName, rating, $"Invalid rating {rating}: use a whole number from 1 to 5.");

    /// <summary>Throws unless <paramref name="score"/> is a finite number in 0..1.</summary>
    public static double ValidateScore(double score, string what, string parameterName) =>
        double.IsFinite(score) && score is >= 0 and <= 1
            ? score
            : throw new ArgumentOutOfRangeException(parameterName, score, $"Invalid {what} {score}: use a number from 0 to 1.");

    /// <summary>Throws unless every metadata entry is within the limits.</summary>
    public static void ValidateMetadata(IReadOnlyDictionary<string, string>? metadata, string parameterName = "metadata")
    {
        if (metadata is null)
        {
            return;
        }

        if (metadata.Count > MaxMetadataEntries)
        {
            throw new ArgumentException($"{metadata.Count} metadata entries: at most {MaxMetadataEntries} are accepted.", parameterName);
        }

        foreach (var (key, value) in metadata)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Length > MaxMetadataKeyLength)
            {
                throw new ArgumentException($"Invalid metadata key '{key}': use 1-{MaxMetadataKeyLength} characters.", parameterName);
            }

            if (value is null || value.Length > MaxMetadataValueLength)
            {
                throw new ArgumentException(
                    $"Metadata '{key}' has no value or one over {MaxMetadataValueLength:N0} characters.", parameterName);
            }
        }
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.';
}
