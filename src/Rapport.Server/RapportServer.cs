using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Rapport.OpenTelemetry.Hosting;
using Rapport.Server.Api;
using Rapport.Server.Evaluations;
using Rapport.Server.Dashboard;
using Rapport.Server.Hosting;
using Rapport.Server.Keys;
using Rapport.Server.Mcp;
using Rapport.Server.Operations;
using Rapport.Server.Tenants;
using Rapport.Server.Traces;
using Rapport.Telemetry;
using Scalar.AspNetCore;

namespace Rapport.Server;

/// <summary>Builds the Rapport service: the <c>/v1</c> HTTP API, MCP tools at <c>/mcp</c>, OpenAPI at <c>/openapi/v1.json</c>, the reference page at
/// <c>/reference</c>, <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>, on Kestrel.</summary>
public static class RapportServer
{
    /// <summary>Validates the options, opens the key store (creating the first admin key when there is none) and builds the app.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static async Task<RapportServerApp> CreateAsync(RapportServerOptions options, LogLevel minimumLogLevel = LogLevel.Information)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var redis = await ServerRedis.OpenAsync(ServerStore.From(options)).ConfigureAwait(false);
        var keys = ApiKeyStores.Open(ServerStore.From(options), redis);
        string? firstKey = null;
        if ((await keys.ListAsync().ConfigureAwait(false)).Count == 0)
        {
            var (secret, key) = ApiKeys.Create(ApiKeys.DefaultTenant, null, admin: true, options.TimeProvider);
            await keys.AddAsync(key).ConfigureAwait(false);
            firstKey = secret;
        }

        var telemetry = RapportTelemetryHost.Start(new RapportTelemetryHostOptions
        {
            Home = options.ResolvedHome, LocalTraces = options.LocalTraces, Environment = options.Environment, ServiceName = "rapport-server",
            LocalBatchDelayMilliseconds = options.TraceBatchDelayMilliseconds,
            Processors = { new TenantSpanTagger() },
        });
        var metrics = Sdk.CreateMeterProviderBuilder()
            .AddMeter(RapportTelemetryNames.SourceName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting")
            .AddPrometheusExporter()
            .Build();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "Rapport.Server", Args = [] });
        ConfigureLogging(builder.Logging, options, minimumLogLevel);
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        Register(builder.Services, options, keys, redis);
        builder.Services.AddSingleton(telemetry);
        var app = builder.Build();
        Map(app);
        app.MapPrometheusScrapingEndpoint("/metrics", metrics, null, null);
        return new RapportServerApp(app, keys, redis, telemetry, metrics, firstKey);
    }

    private static void ConfigureLogging(ILoggingBuilder logging, RapportServerOptions options, LogLevel minimumLogLevel)
    {
        logging.ClearProviders().SetMinimumLevel(minimumLogLevel);
        // ASP.NET Core's own request lines carry the raw path (user ids) and the query; RequestLog writes the route template instead.
        logging.AddFilter("Microsoft.AspNetCore", level => level >= LogLevel.Warning && level >= minimumLogLevel);
        if (options.LogFormat == "json")
        {
            logging.AddJsonConsole(j =>
            {
                j.UseUtcTimestamp = true;
                j.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            logging.AddSimpleConsole(s => s.SingleLine = true);
        }

        options.ConfigureLogging?.Invoke(logging);
    }

    private static void Register(IServiceCollection services, RapportServerOptions options, IApiKeyStore keys, ServerRedis? redis)
    {
        services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(30));
        services.AddSingleton(options);
        services.AddSingleton(keys);
        services.AddSingleton(sp => new ServerRapport(options, sp.GetRequiredService<ILoggerFactory>(), redis));
        services.AddSingleton<TenantRegistry>();
        services.Configure<RouteHandlerOptions>(r => r.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(j =>
        {
            j.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            j.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        services.AddProblemDetails();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddExceptionHandler<ExceptionProblems>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        services.AddRateLimiter(limiter => RateLimits.Configure(limiter, options));
        services.AddOpenApi("v1", OpenApiDocument.Configure);
        McpEndpoint.Add(services);
        services.AddSingleton<EvaluationRunStores>();
        services.AddSingleton<EvaluationStarter>();
        services.AddRapportDashboard();
    }

    private static void Map(WebApplication app)
    {
        app.UseMiddleware<RequestLog>();
        app.UseExceptionHandler();
        var limit = app.Services.GetRequiredService<RapportServerOptions>().MaxRequestBodyBytes;
        app.UseStatusCodePages(context =>
        {
            var http = context.HttpContext;
            var status = http.Response.StatusCode;
            var detail = status switch
            {
                StatusCodes.Status413PayloadTooLarge => ExceptionProblems.TooLarge(limit),
                StatusCodes.Status404NotFound => $"Nothing is served at {http.Request.Path}; the API is under /v1 (see /reference).",
                StatusCodes.Status405MethodNotAllowed => $"{http.Request.Method} is not accepted at {http.Request.Path} (see /reference).",
                _ => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
            };
            return Problems.WriteAsync(http, status, Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status), detail);
        });
        app.Use(async (context, next) =>
        {
            // Announced too large: refused before reading, with the limit in the answer (Kestrel enforces it for chunked bodies).
            // An endpoint may take more (evaluations: a dataset), by its request size metadata.
            var allowed = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? limit;
            if (context.Request.ContentLength > allowed)
            {
                await Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request too large", ExceptionProblems.TooLarge(allowed)).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });
        app.UseAuthentication();
        app.Use(async (context, next) =>
        {
            // Spans made while serving this request carry its tenant (TenantSpanTagger), so /v1/traces can scope them.
            TenantSpanTagger.Current = Caller.From(context.User)?.Tenant;
            await next(context).ConfigureAwait(false);
        });
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseMiddleware<IdempotencyMiddleware>();

        var v1 = app.MapGroup("/v1").RequireAuthorization().WithTags("v1")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status429TooManyRequests);
        var options = app.Services.GetRequiredService<RapportServerOptions>();
        TurnEndpoints.Map(v1, options);
        MemoryEndpoints.Map(v1);
        UserEndpoints.Map(v1, options.TimeProvider);
        EvaluationEndpoints.Map(v1, options);
        TraceEndpoints.Map(v1);
        HealthEndpoints.Map(app);
        McpEndpoint.Map(app);
        app.MapRapportDashboard();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/reference", s => s.WithOpenApiRoutePattern("/openapi/{documentName}.json").WithTitle("Rapport API"));
    }
}
