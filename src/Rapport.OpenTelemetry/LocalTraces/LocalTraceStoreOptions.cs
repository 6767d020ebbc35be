using Rapport.Telemetry;

namespace Rapport.OpenTelemetry.LocalTraces;

/// <summary>Where the local trace store keeps spans, for how long, and whether it may keep user text.</summary>
public sealed class LocalTraceStoreOptions
{
    /// <summary>The file name of the trace store inside the data folder.</summary>
    public const string DefaultFileName = "traces.db";

    /// <summary>Gets or sets the SQLite file.</summary>
    /// <value>The default is <see langword="null"/>: <c>&lt;Home&gt;/traces.db</c>, as resolved by the host.</value>
    public string? Path { get; set; }

    /// <summary>Gets or sets how long spans are kept, from their start.</summary>
    /// <value>The default is 7 days.</value>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Gets or sets whether user text that a span carries may be kept.</summary>
    /// <value>The default is <see langword="false"/>: string attributes outside a known-safe list (ids, names, kinds,
    /// hashes), exception messages and status descriptions are replaced by <c>[redacted]</c>, whatever the span carries.</value>
    public bool IncludeSensitiveData { get; set; }

    /// <summary>Gets or sets the clock for retention.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Throws unless the options are usable.</summary>
    public void Validate()
    {
        if (Retention <= TimeSpan.Zero)
        {
            throw new ArgumentException($"The trace retention is {Retention}; use a positive duration such as 7.00:00:00 (7 days).", nameof(Retention));
        }

        ArgumentNullException.ThrowIfNull(TimeProvider);
    }
}
