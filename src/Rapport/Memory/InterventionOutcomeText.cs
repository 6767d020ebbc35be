namespace Rapport.Memory;

/// <summary>The wire names of <see cref="InterventionOutcome"/>: <c>unknown</c>, <c>helped</c>, <c>not-helped</c>.</summary>
public static class InterventionOutcomeText
{
    /// <summary>The accepted names, for error messages and help text.</summary>
    public const string Accepted = "helped, not-helped or unknown";

    /// <summary>Returns the wire name of <paramref name="outcome"/>.</summary>
    public static string ToText(this InterventionOutcome outcome) => outcome switch
    {
        InterventionOutcome.Helped => "helped",
        InterventionOutcome.NotHelped => "not-helped",
        _ => "unknown",
    };

    /// <summary>Parses a wire name (case-insensitive; <c>not_helped</c> and <c>nothelped</c> are accepted too).</summary>
    /// <returns><see langword="false"/> when <paramref name="text"/> names no outcome.</returns>
    public static bool TryParse(string? text, out InterventionOutcome outcome)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "helped":
                outcome = InterventionOutcome.Helped;
                return true;
            case "not-helped" or "not_helped" or "nothelped":
                outcome = InterventionOutcome.NotHelped;
                return true;
            case "unknown":
                outcome = InterventionOutcome.Unknown;
                return true;
            default:
                outcome = InterventionOutcome.Unknown;
                return false;
        }
    }

    /// <summary>Parses a wire name or throws an <see cref="ArgumentException"/> that lists the accepted names.</summary>
    public static InterventionOutcome Parse(string? text, string parameterName = "outcome") =>
        TryParse(text, out var outcome)
            ? outcome
            : throw new ArgumentException($"Unknown outcome '{text}': use {Accepted}.", parameterName);
}
