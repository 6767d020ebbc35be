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

        v1.MapDelete("/users/{userId}", async (string userId, TenantContext t, CancellationToken ct) =>
        {
            var user = t.User(userId);
            await t.Scope.ForgetUserAsync(user, ct).ConfigureAwait(false);
            var removed = await t.Scope.Memory.ForgetUserAsync(user, ct).ConfigureAwait(false);
            return TypedResults.Ok(new ForgetView(user, removed));
        }).WithName("ForgetUser").WithSummary("Forget a user: remove every record about them in this tenant.");

        v1.MapGet("/stats", async (TenantContext t, CancellationToken ct, string? userId) =>
        {
            var user = userId is null && t.Caller.User is null ? null : t.User(userId);
            var s = await t.Scope.Memory.GetStatsAsync(user, ct).ConfigureAwait(false);
            return TypedResults.Ok(new StatsView(t.Scope.Tenant, s.UserId, s.Users, s.Interventions, s.Helped, s.NotHelped, s.Reflections, s.Profiles));
        }).WithName("GetStats").WithSummary("Count live records in the caller's tenant, or for one user.");
    }
}
