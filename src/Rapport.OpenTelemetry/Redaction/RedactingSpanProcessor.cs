using Rapport.Telemetry;
using System.Diagnostics;
using OpenTelemetry;

namespace Rapport.OpenTelemetry.Redaction;

/// <summary>Clears the status description of failed spans before any exporter sees them, unless sensitive data is on.</summary>
/// <remarks>
/// Rapport's own spans already carry redacted messages, but instrumentation it hosts (Microsoft.Extensions.AI's
/// <c>UseOpenTelemetry()</c>) sets the raw exception message as the status description, and messages can quote
/// user input. Register it before the exporters (<c>AddRapportTracing</c> does).
/// </remarks>
public sealed class RedactingSpanProcessor : BaseProcessor<Activity>
{
    /// <inheritdoc />
    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        // Rapport's own redacted text is replaced too: no way to tell it from a message that imitates it.
        if (data.Status == ActivityStatusCode.Error && !string.IsNullOrEmpty(data.StatusDescription) && data.StatusDescription != TraceRedactor.Redacted)
        {
            data.SetStatus(ActivityStatusCode.Error, TraceRedactor.Redacted);
        }
    }
}
