using Rapport.Telemetry;

namespace Rapport.OpenTelemetry.LocalTraces;

/// <summary>Which traces to list: the most recent first.</summary>
public sealed record TraceQuery
{
    /// <summary>The most traces a listing returns.</summary>
    public const int MaxLast = 10_000;

    /// <summary>Gets how many traces to return at most.</summary>
    /// <value>The default is 20.</value>
    public int Last { get; init; } = 20;

    /// <summary>Gets an operation name to match (case-insensitive, part of a span's name), or <see langword="null"/> for any.</summary>
    public string? Operation { get; init; }

    /// <summary>Gets whether to return only traces with a failed span.</summary>
    public bool ErrorsOnly { get; init; }

    /// <summary>Gets the shortest trace duration to return, or <see langword="null"/> for any.</summary>
    public TimeSpan? MinDuration { get; init; }

    /// <summary>Gets the earliest trace start to return, or <see langword="null"/> for any.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Gets the instant traces must start before, or <see langword="null"/> for any.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Throws unless the query is usable.</summary>
    public void Validate()
    {
        if (Last is < 1 or > MaxLast)
        {
            throw new ArgumentException($"Cannot list {Last} traces: use a number from 1 to {MaxLast}.", nameof(Last));
        }

        if (MinDuration < TimeSpan.Zero)
        {
            throw new ArgumentException($"Invalid minimum duration {MinDuration}: use zero or more.", nameof(MinDuration));
        }
    }
}
