namespace Rapport.Telemetry;

/// <summary>How Rapport traces and measures itself.</summary>
/// <remarks>
/// Tracing costs almost nothing while no listener is attached (no OpenTelemetry SDK, no exporter), so it is on by
/// default. What the spans may carry is decided here, in the core, for every exporter.
/// </remarks>
public sealed class RapportTelemetryOptions
{
    /// <summary>The environment variable with which hosts turn sensitive data on (<c>true</c>); the core never reads it.</summary>
    public const string SensitiveDataVariable = "RAPPORT_TELEMETRY_SENSITIVE";

    /// <summary>Gets or sets whether <c>AddRapport</c> wraps the store and embedder with tracing decorators.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets whether spans may carry user text (situations, queries, exception messages) and raw user ids.</summary>
    /// <value>The default is <see langword="false"/> (hosts set it from <c>RAPPORT_TELEMETRY_SENSITIVE=true</c>): spans carry ids, counts,
    /// sizes, filters and scores, a keyed hash of the user id, and exception types with redacted messages.</value>
    public bool IncludeSensitiveData { get; set; }

    /// <summary>Gets or sets the key of the user-id hash (<see cref="UserIdPseudonymizer"/>), at least 16 bytes.</summary>
    /// <value>The default is <see langword="null"/>: the key in <c>&lt;Home&gt;/telemetry.key</c>, created on first use.</value>
    public IReadOnlyList<byte>? UserIdKey { get; set; }

    /// <summary>Throws unless the options are usable.</summary>
    public void Validate()
    {
        if (UserIdKey is { Count: < UserIdPseudonymizer.MinKeyBytes })
        {
            throw new ArgumentException(
                $"The telemetry user-id key has {UserIdKey.Count} bytes; use at least {UserIdPseudonymizer.MinKeyBytes} random bytes.",
                nameof(UserIdKey));
        }
    }
}
