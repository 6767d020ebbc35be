using System.Diagnostics;
using Rapport.Telemetry;

namespace Rapport.Server.Dashboard.Access;

/// <summary>The dashboard's spans, from Rapport's <see cref="RapportTelemetry.Source"/>: one per page, one per read the store decorators do not trace.</summary>
/// <remarks>
/// Spans carry the view, the tenant, what was read and how many results came back: never a user id or text (a user's own
/// memory reads are traced by the store decorator, which hashes the user unless the operator opted in). Every span of a page
/// carries the <see cref="RapportTelemetryNames.DashboardBaggage"/> baggage, so the local trace store skips them and other
/// exporters (OTLP) get them.
/// </remarks>
internal static class DashboardTracing
{
    /// <summary>Starts a page's root span, or returns <see langword="null"/> when nothing listens.</summary>
    public static Activity? StartPage(string view)
    {
        // The root of its own trace: a dashboard page is never part of another operation.
        var activity = RapportTelemetry.Source.StartActivity(RapportTelemetryNames.DashboardPageSpan, ActivityKind.Server, parentContext: default);
        if (activity is not null)
        {
            activity.SetBaggage(RapportTelemetryNames.DashboardBaggage, view);
            if (activity.IsAllDataRequested)
            {
                activity.SetTag(RapportTelemetryNames.DashboardView, view);
            }
        }

        return activity;
    }

    /// <summary>Tags the page span with the tenant shown (once known) and, for an error answer, its status.</summary>
    public static void Finish(Activity? page, string? tenant, int statusCode)
    {
        if (page is not { IsAllDataRequested: true })
        {
            return;
        }

        page.SetTag(RapportTelemetryNames.Tenant, tenant);
        page.SetTag("http.response.status_code", statusCode);
        if (statusCode >= 500)
        {
            page.SetStatus(ActivityStatusCode.Error);
            page.SetTag(RapportTelemetryNames.ErrorType, statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Runs one read inside a <see cref="RapportTelemetryNames.DashboardReadSpan"/> named by <paramref name="source"/>.</summary>
    /// <param name="source">What is read, for example <c>memory.overview</c>.</param>
    /// <param name="read">The read.</param>
    /// <param name="count">How many results came back, for <see cref="RapportTelemetryNames.ResultCount"/>, or <see langword="null"/>.</param>
    public static async Task<T> ReadAsync<T>(string source, Func<Task<T>> read, Func<T, int>? count = null)
    {
        using var activity = RapportTelemetry.Source.StartActivity(RapportTelemetryNames.DashboardReadSpan, ActivityKind.Internal);
        activity?.SetTag(RapportTelemetryNames.DashboardSource, source);
        try
        {
            var result = await read().ConfigureAwait(false);
            if (activity is { IsAllDataRequested: true } && count is not null && result is not null)
            {
                activity.SetTag(RapportTelemetryNames.ResultCount, count(result));
            }

            return result;
        }
        catch (Exception ex)
        {
            // The type only: a message may quote a user's id or words.
            activity?.SetStatus(ActivityStatusCode.Error);
            activity?.SetTag(RapportTelemetryNames.ErrorType, ex.GetType().FullName);
            throw;
        }
    }
}
