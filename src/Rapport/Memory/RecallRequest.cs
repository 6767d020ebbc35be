using Rapport.Search;

namespace Rapport.Memory;

/// <summary>A question to memory: which of this user's past situations are most like this one?</summary>
public sealed record RecallRequest
{
    /// <summary>Gets the user whose memories are searched.</summary>
    public required string UserId { get; init; }

    /// <summary>Gets the current situation, as text.</summary>
    public required string Query { get; init; }

    /// <summary>Gets how results are ranked, or <see langword="null"/> for the service's default (hybrid unless configured).</summary>
    public SearchMode? Mode { get; init; }

    /// <summary>Gets how many results to return at most.</summary>
    /// <value>The default is 5.</value>
    public int Top { get; init; } = 5;

    /// <summary>Gets the minimum overall quality; records without a quality never pass a minimum.</summary>
    public double? MinQuality { get; init; }

    /// <summary>Gets the required outcome, or <see langword="null"/> for any.</summary>
    public InterventionOutcome? Outcome { get; init; }

    /// <summary>Gets the accepted kinds, or <see langword="null"/> for any.</summary>
    public IReadOnlyCollection<string>? Kinds { get; init; }

    /// <summary>Gets the earliest creation time accepted (inclusive).</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Gets the latest creation time accepted (exclusive).</summary>
    public DateTimeOffset? Until { get; init; }
}
