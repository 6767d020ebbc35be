using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Server.Dashboard.Data;
using Rapport.Server.Keys;
using Rapport.Server.Tenants;

namespace Rapport.Server.Dashboard.Access;

/// <summary>One page request: who asks (from the cookie or dev mode, never from a parameter), which tenant it shows, and where data comes from.</summary>
internal sealed class DashboardRequest
{
    private DashboardRequest(HttpContext http, Caller caller, string tenant, IReadOnlyList<string> tenants, DashboardSources sources)
    {
        Http = http;
        Caller = caller;
        Tenant = tenant;
        Tenants = tenants;
        Sources = sources;
    }

    /// <summary>Gets the HTTP context.</summary>
    public HttpContext Http { get; }

    /// <summary>Gets the caller.</summary>
    public Caller Caller { get; }

    /// <summary>Gets the tenant shown: the key's own, or for an admin the one picked.</summary>
    public string Tenant { get; }

    /// <summary>Gets the tenants the caller may pick (only its own unless admin).</summary>
    public IReadOnlyList<string> Tenants { get; }

    /// <summary>Gets the data sources.</summary>
    public DashboardSources Sources { get; }

    /// <summary>Gets the tenant's namespace.</summary>
    public TenantScope Scope => Sources.Scope(Tenant);

    /// <summary>Gets the request's cancellation token.</summary>
    public CancellationToken Aborted => Http.RequestAborted;

    /// <summary>Gets a trimmed query value, or <see langword="null"/> when absent or empty.</summary>
    public string? Query(string name) => Http.Request.Query[name].ToString().Trim() is { Length: > 0 } v ? v : null;

    /// <summary>Builds a dashboard link that keeps the selected tenant.</summary>
    public string Link(string path, params (string Name, string? Value)[] query) =>
        DashboardRoutes.Link(path, [.. query, ("tenant", Tenant == Caller.Tenant ? null : Tenant)]);

    /// <summary>Opens the request, or returns the answer instead (sign in, forbidden tenant).</summary>
    public static async Task<(DashboardRequest? Request, IResult? Answer)> OpenAsync(HttpContext http)
    {
        var caller = await DashboardCookie.CallerAsync(http).ConfigureAwait(false);
        if (caller is null)
        {
            var back = http.Request.Path + http.Request.QueryString;
            return (null, Results.Redirect(DashboardRoutes.Link("/login", ("return", back))));
        }

        var sources = http.RequestServices.GetRequiredService<DashboardSources>();
        var asked = http.Request.Query["tenant"].ToString();
        IReadOnlyList<string> tenants = caller.Admin ? await sources.TenantsAsync(http.RequestAborted).ConfigureAwait(false) : [caller.Tenant];
        if (asked.Length > 0 && asked != caller.Tenant)
        {
            if (!caller.Admin)
            {
                return (null, DashboardResults.Problem(StatusCodes.Status403Forbidden, $"This key belongs to tenant '{caller.Tenant}' and sees no other tenant."));
            }

            if (!tenants.Contains(asked, StringComparer.Ordinal))
            {
                return (null, DashboardResults.Problem(StatusCodes.Status404NotFound, $"No tenant '{asked}' here; the tenants are: {string.Join(", ", tenants)}."));
            }
        }

        return (new DashboardRequest(http, caller, asked.Length > 0 ? asked : caller.Tenant, tenants, sources), null);
    }
}
