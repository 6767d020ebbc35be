using System.Diagnostics;
using OpenTelemetry;
using Rapport.Telemetry;

namespace Rapport.Server.Traces;

/// <summary>Tags every span started while a request is served with the caller's tenant (<c>rapport.tenant</c>), so a tenant's key can be shown
/// its own spans only. The tenant flows with the request's async context; spans of background work (purges, outbox replay) carry none.</summary>
internal sealed class TenantSpanTagger : BaseProcessor<Activity>
{
    private static readonly AsyncLocal<string?> CurrentTenant = new();

    /// <summary>Gets or sets the tenant of the work running in this async context.</summary>
    public static string? Current
    {
        get => CurrentTenant.Value;
        set => CurrentTenant.Value = value;
    }

    /// <inheritdoc />
    public override void OnStart(Activity data)
    {
        if (Current is { } tenant)
        {
            data.SetTag(RapportTelemetryNames.Tenant, tenant);
        }
    }
}
