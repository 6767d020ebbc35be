using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Rapport.Server.Api.Contracts;

namespace Rapport.Server.Api;

/// <summary>A user's profile, reflections, export and forget, and the tenant's statistics.</summary>
internal static class UserEndpoints
{
    /// <summary>The most records of each type an export returns.</summary>
    public const int MaxExport = 100_000;

    public static void Map(RouteGroupBuilder v1, TimeProvider time)
    {
        v1.MapGet("/users/{userId}/profile", async (string userId, TenantContext t, CancellationToken ct) =>
            TypedResults.Ok(await t.Scope.Memory.GetProfileAsync(t.User(userId), ct).ConfigureAwait(false)))
            .WithName("GetProfile").WithSummary("Get a user's profile.");

        v1.MapGet("/users/{userId}/reflections", async (string userId, TenantContext t, CancellationToken ct, int? limit) =>
            TypedResults.Ok(await t.Scope.Memory.ListReflectionsAsync(t.User(userId), limit ?? 20, ct).ConfigureAwait(false)))
            .WithName("ListReflections").WithSummary("List a user's session reflections, newest first.");

        v1.MapGet("/users/{userId}/export", async (string userId, TenantContext t, CancellationToken ct) =>
        {
            var user = t.User(userId);
            var interventions = await t.Scope.Memory.ListAsync(user, MaxExport, ct).ConfigureAwait(false);
            var reflections = await t.Scope.Memory.ListReflectionsAsync(user, MaxExport, ct).ConfigureAwait(false);
            var profile = await t.Scope.Memory.GetProfileAsync(user, ct).ConfigureAwait(false);
            return TypedResults.Ok(new UserExport(user, time.GetUtcNow(), [.. interventions.Select(InterventionView.From)], reflections, profile));
        }).WithName("ExportUser").WithSummary("Export every record of a user as JSON.");

        v1.MapDelete("/users/{userId}", async (string userId, TenantContext t, Rapport.OpenTelemetry.Hosting.RapportTelemetryHost telemetry, CancellationToken ct) =>
            TypedResults.Ok(await UserCalls.ForgetAsync(t, userId, telemetry, ct).ConfigureAwait(false)))
            .WithName("ForgetUser").WithSummary("Forget a user: remove every record about them in this tenant.");

        v1.MapGet("/stats", async (TenantContext t, CancellationToken ct, string? userId) =>
            TypedResults.Ok(await UserCalls.StatsAsync(t, userId, ct).ConfigureAwait(false)))
            .WithName("GetStats").WithSummary("Count live records in the caller's tenant, or for one user.");
    }
}
