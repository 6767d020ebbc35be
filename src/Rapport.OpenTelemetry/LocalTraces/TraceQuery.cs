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

    /// <summary>Gets the shortest trace to return (first span's start to last span's end), or <see langword="null"/> for any.</summary>
    public TimeSpan? MinDuration { get; init; }

    /// <summary>Gets the earliest start of a trace to return, or <see langword="null"/>.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Gets the start before which a trace must have started, or <see langword="null"/>.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Gets a tenant: only spans tagged <c>rapport.tenant</c> with it count and are returned; <see langword="null"/> for every span.</summary>
    public string? Tenant { get; init; }

    /// <summary>Throws unless the query is usable.</summary>
    public void Validate()
    {
        if (Last is < 1 or > MaxLast)
        {
            throw new ArgumentException($"Cannot list {Last} traces: use a number from 1 to {MaxLast}.", nameof(Last));
        }

        if (MinDuration < TimeSpan.Zero)
        {
            throw new ArgumentException($"The minimum duration cannot be negative (got {MinDuration}).", nameof(MinDuration));
        }

        if (Since is not null && Until is not null && Until <= Since)
        {
            throw new ArgumentException($"The time range is empty: until ({Until:O}) must be after since ({Since:O}).", nameof(Until));
        }
    }
}
