using Rapport.Memory;
using Rapport.Server.Api.Contracts;

namespace Rapport.Server.Api;

/// <summary>Recall, forget and statistics as the HTTP endpoints and the MCP tools both make them.</summary>
internal static class UserCalls
{
    /// <summary>Searches a user's memories.</summary>
    public static async Task<IReadOnlyList<HitView>> RecallAsync(TenantContext t, string? userId, RecallBody body, CancellationToken ct)
    {
        var hits = await t.Scope.Memory.RecallAsync(new RecallRequest
        {
            UserId = t.User(userId), Query = body.Query, Top = body.Top ?? 5, MinQuality = body.MinQuality,
            Outcome = body.Outcome is null ? null : TenantContext.Outcome(body.Outcome), Kinds = body.Kinds, Since = body.Since, Until = body.Until,
            MinSimilarity = body.MinSimilarity,
        }, ct).ConfigureAwait(false);
        return [.. hits.Select(HitView.From)];
    }

    /// <summary>Forgets a user: every record, any turn of theirs waiting for completion, and the local traces that mention them.</summary>
    /// <remarks>Traces are found by the user's hash, which is not tenant-qualified: a same-named user of another tenant loses their
    /// traces too (never a leak; traces are diagnostics, not memories).</remarks>
    public static async Task<ForgetView> ForgetAsync(TenantContext t, string? userId, Rapport.OpenTelemetry.Hosting.RapportTelemetryHost telemetry, CancellationToken ct)
    {
        var user = t.User(userId);
        await t.Scope.ForgetUserAsync(user, ct).ConfigureAwait(false);
        var removed = await t.Scope.Memory.ForgetUserAsync(user, ct).ConfigureAwait(false);
        await telemetry.ForgetUserAsync(user, ct).ConfigureAwait(false);
        return new ForgetView(user, removed);
    }

    /// <summary>Counts live records in the caller's tenant, or for one user (always the bound user for a bound key).</summary>
    public static async Task<StatsView> StatsAsync(TenantContext t, string? userId, CancellationToken ct)
    {
        var user = userId is null && t.Caller.User is null ? null : t.User(userId);
        var s = await t.Scope.Memory.GetStatsAsync(user, ct).ConfigureAwait(false);
        return new StatsView(t.Scope.Tenant, s.UserId, s.Users, s.Interventions, s.Helped, s.NotHelped, s.Reflections, s.Profiles);
    }
}
