using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rapport.Server.Hosting;
using Rapport.Server.Keys;

namespace Rapport.Server.Operations;

/// <summary><c>/healthz</c> (the process answers) and <c>/readyz</c> (the store answers and the embedder is loaded).</summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new HealthView("ok", null))).ExcludeFromDescription();
        app.MapGet("/readyz", async Task<IResult> (IApiKeyStore keys, ServerRapport rapport, CancellationToken ct) =>
        {
            if (!rapport.EmbedderLoaded)
            {
                return TypedResults.Json(new HealthView("not ready", "the embedder is still loading"), statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            try
            {
                await keys.PingAsync(ct).ConfigureAwait(false);
                return TypedResults.Ok(new HealthView("ready", null));
            }
#pragma warning disable CA1031 // Any failure to reach the store means not ready; the reason is reported.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                return TypedResults.Json(new HealthView("not ready", $"the store does not answer: {ex.Message}"), statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).ExcludeFromDescription();
    }
}
