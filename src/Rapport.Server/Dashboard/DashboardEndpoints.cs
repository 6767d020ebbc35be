using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Server.Dashboard.Access;
using Rapport.Server.Dashboard.Data;
using Rapport.Server.Dashboard.Html;
using Rapport.Server.Dashboard.Views;

namespace Rapport.Server.Dashboard;

/// <summary>The dashboard at <c>/dashboard</c>: server-rendered pages over the tenants' memory, evaluation runs, local traces and the demo's results.</summary>
/// <remarks>
/// Its own feature folder inside the server: it signs in with the server's API keys and reads the server's tenant registry, so
/// it needs nothing public from the server; the server registers it with <see cref="AddRapportDashboard"/> and maps it with
/// <see cref="MapRapportDashboard"/>. Each page is a trace of its own (<see cref="DashboardTracing"/>): its reads are spans for OTLP and
/// other exporters, kept out of the local trace store so that browsing never buries the traces the dashboard shows.
/// </remarks>
internal static class DashboardEndpoints
{
    /// <summary>Registers the dashboard's cookie sign-in and data sources.</summary>
    public static IServiceCollection AddRapportDashboard(this IServiceCollection services)
    {
        DashboardCookie.Add(services);
        services.AddSingleton<DashboardSources>();
        return services;
    }

    /// <summary>Maps the dashboard's pages under <c>/dashboard</c>.</summary>
    public static WebApplication MapRapportDashboard(this WebApplication app)
    {
        var group = app.MapGroup(DashboardRoutes.Base).ExcludeFromDescription();
        group.MapGet("/site.css", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Text(DashboardStyles.Css, "text/css; charset=utf-8");
        });
        group.MapGet("/login", (HttpContext http) => DashboardResults.Html(DashboardLayout.Login(null, SafeReturn(http.Request.Query["return"]))));
        group.MapPost("/login", Handler(SignInAsync));
        group.MapPost("/logout", Handler(async http =>
        {
            await http.SignOutAsync(DashboardCookie.Scheme).ConfigureAwait(false);
            return Results.Redirect(DashboardRoutes.Base + "/login");
        }));
        group.MapGet("/", Handler(http => Run(http, "overview", OverviewPage.RenderAsync)));
        group.MapGet("/users", Handler(http => Run(http, "users", UsersPage.RenderAsync)));
        group.MapGet("/users/{userId}", (HttpContext http, string userId) => Run(http, "user", r => UserPage.RenderAsync(r, userId)));
        group.MapGet("/users/{userId}/export", (HttpContext http, string userId) => Run(http, "export", r => ForgetPage.ExportAsync(r, userId)));
        group.MapGet("/users/{userId}/forget", (HttpContext http, string userId) => Run(http, "forget", r => ForgetPage.ConfirmAsync(r, userId)));
        group.MapPost("/users/{userId}/forget", (HttpContext http, string userId) => Run(http, "forget", r => ForgetPage.ForgetAsync(r, userId), write: true));
        group.MapGet("/traces", Handler(http => Run(http, "traces", TracesPage.RenderAsync)));
        group.MapGet("/traces/{traceId}", (HttpContext http, string traceId) => Run(http, "trace", r => TracePage.RenderAsync(r, traceId)));
        group.MapGet("/evaluations", Handler(http => Run(http, "evaluations", EvaluationsPage.RenderAsync)));
        group.MapGet("/evaluations/compare", Handler(http => Run(http, "compare", ComparePage.RenderAsync)));
        group.MapGet("/learning", Handler(http => Run(http, "learning", LearningPage.RenderAsync)));
        return app;
    }

    // A handler typed as Delegate, so that its IResult is written (a bare HttpContext lambda would be a RequestDelegate).
    private static Delegate Handler(Func<HttpContext, Task<IResult>> handler) => handler;

    private static async Task<IResult> SignInAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        var back = SafeReturn(form["return"]);
        var error = await DashboardCookie.SignInAsync(http, form["key"]).ConfigureAwait(false);
        return error is null
            ? Results.Redirect(back ?? DashboardRoutes.Base)
            : DashboardResults.Html(DashboardLayout.Login(error, back), StatusCodes.Status401Unauthorized);
    }

    private static async Task<IResult> Run(HttpContext http, string name, Func<DashboardRequest, Task<IResult>> view, bool write = false)
    {
        var watch = Stopwatch.StartNew();
        using var page = DashboardTracing.StartPage(name);
        if (write && !SameOrigin(http.Request))
        {
            DashboardTracing.Finish(page, null, StatusCodes.Status403Forbidden);
            return DashboardResults.Problem(StatusCodes.Status403Forbidden, "This change must come from a dashboard page of this server (the request's origin is another site).");
        }

        var (request, answer) = await DashboardRequest.OpenAsync(http).ConfigureAwait(false);
        IResult result;
        try
        {
            result = answer ?? await view(request!).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            result = DashboardResults.Problem(StatusCodes.Status400BadRequest, ex.Message);
        }
        catch (InvalidDataException ex)
        {
            result = DashboardResults.Problem(StatusCodes.Status500InternalServerError, ex.Message);
        }

        DashboardTracing.Finish(page, request?.Tenant, (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK);
        // The page's own time, for the benchmark and the browser's network panel.
        http.Response.Headers["Server-Timing"] = string.Create(CultureInfo.InvariantCulture, $"page;dur={watch.Elapsed.TotalMilliseconds:0.0}");
        return result;
    }

    // A browser always sends Origin on a cross-site POST; SameSite=Strict keeps the cookie off it too.
    private static bool SameOrigin(HttpRequest request) =>
        request.Headers.Origin.ToString() is not { Length: > 0 } origin
        || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);

    private static string? SafeReturn(string? path) =>
        path is { Length: > 0 } p && p.StartsWith(DashboardRoutes.Base, StringComparison.Ordinal) && !p.Contains("//", StringComparison.Ordinal) && !p.Contains('\\', StringComparison.Ordinal)
            ? p : null;
}
