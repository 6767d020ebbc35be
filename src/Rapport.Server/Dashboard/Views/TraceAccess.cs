using Rapport.Server.Dashboard.Access;

namespace Rapport.Server.Dashboard.Views;

/// <summary>Who may see traces: they are kept per server for every tenant and carry no tenant, so admin keys only.</summary>
internal static class TraceAccess
{
    /// <summary>Returns why the caller sees no traces, or <see langword="null"/> when they may.</summary>
    public static string? Refusal(DashboardRequest r) =>
        !r.Caller.Admin ? "Traces are kept per server for every tenant, so only an admin key sees them."
        : r.Sources.Traces is null ? "Local traces are off on this server (spans go only to OTLP, when configured)."
        : null;
}
