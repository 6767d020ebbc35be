namespace Rapport.Evaluation.Runs;

/// <summary>One metric of one case: a value with its reason, not applicable (no value, no error), or failed (an error).</summary>
/// <param name="Name">The metric name, for example <c>brevity</c>.</param>
/// <param name="Value">The score in 0..1, or <see langword="null"/> when not scored.</param>
/// <param name="Reason">The scorer's short reason, or <see langword="null"/>.</param>
/// <param name="Passed">Whether it passed its threshold, or <see langword="null"/> when the scorer does not say.</param>
/// <param name="Error">Why scoring failed, or <see langword="null"/>; a failed score is never dropped.</param>
public sealed record CaseScore(string Name, double? Value, string? Reason, bool? Passed, string? Error)
{
    /// <summary>Gets whether the score failed to be produced (an error, as opposed to not applicable).</summary>
    public bool IsFailure => Error is not null;
}
