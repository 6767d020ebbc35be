using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Rapport.Server.Api;
using Rapport.Server.Keys;

namespace Rapport.Server.Operations;

/// <summary>Per-key rate limits: a fixed window per API key; a rejected request gets 429 with <c>Retry-After</c>.</summary>
internal static class RateLimits
{
    public static void Configure(RateLimiterOptions limiter, RapportServerOptions options)
    {
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            Caller.From(context.User) is { } caller
                ? RateLimitPartition.GetFixedWindowLimiter(caller.Tenant + "/" + caller.KeyId, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.RequestsPerWindow,
                    Window = options.RateWindow,
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter(""));
        limiter.OnRejected = async (context, _) =>
        {
            var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 1;
            context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await Problems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                $"This key made more than {options.RequestsPerWindow} requests in {options.RateWindow.TotalSeconds:0} s; retry after {seconds} s.").ConfigureAwait(false);
        };
    }
}
