using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Rapport.Server.Keys;

namespace Rapport.Server.Operations;

/// <summary>One log line per request: method, route template, status, duration, tenant and key id. Never the raw path (it holds user ids),
/// the query, a body or a key: the route is the endpoint's template (<c>/v1/users/{userId}/profile</c>), the key its public id.</summary>
internal sealed partial class RequestLog(RequestDelegate next, ILogger<RequestLog> logger, RapportServerOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var started = options.TimeProvider.GetTimestamp();
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            var caller = Caller.From(context.User);
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
            var method = context.Request.Method;
            var status = context.Response.StatusCode;
            var elapsed = Math.Round(options.TimeProvider.GetElapsedTime(started).TotalMilliseconds, 2);
            LogRequest(logger, method, route, status, elapsed, caller?.Tenant ?? "-", caller?.KeyId ?? "-");
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Route} {Status} in {ElapsedMs} ms (tenant {Tenant}, key {KeyId})")]
    private static partial void LogRequest(ILogger logger, string method, string route, int status, double elapsedMs, string tenant, string keyId);
}
