using System.ComponentModel;
using System.Security.Claims;
using ModelContextProtocol.Server;
using Rapport.Server.Api;
using Rapport.Server.Api.Contracts;
using Rapport.Server.Keys;
using Rapport.Server.Tenants;

namespace Rapport.Server.Mcp;

/// <summary>The MCP tools at <c>/mcp</c>: the turn, search, recommendation, profile, statistics and forget, each the same call as its
/// <c>/v1</c> endpoint, in the tenant of the authenticated key (and only its user, for a key bound to one).</summary>
/// <remarks>Annotations say what a call does to the memory: a prepared turn waits in the server for completion, so preparing is not
/// read-only; setting an outcome replaces an earlier one, so it is marked destructive. No tool reaches outside Rapport (OpenWorld false).</remarks>
[McpServerToolType]
internal sealed class RapportTools(TenantRegistry tenants, RapportServerOptions options, Rapport.OpenTelemetry.Hosting.RapportTelemetryHost telemetry)
{
    private const string UserIdHelp = "The user's id (letters, digits and -_.:@, up to 128). Leave it out when the API key is bound to one user.";

    /// <summary>Prepares a turn.</summary>
    [McpServerTool(Name = "prepare_turn", Title = "Get the memory context for a turn", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Call this when the user has just said something and before you answer. Returns 'context.text' (a short memory block to put in your " +
        "prompt: what helped this user in similar situations, what to avoid, insights from past sessions), 'recommendation' (kinds of intervention ranked " +
        "by expected success, best first) and a 'turnId'. After you answer, call complete_turn with that turnId and your answer. Records nothing by itself; " +
        "the turn waits for completion for 30 minutes by default.")]
    public Task<PreparedTurnView> PrepareTurn(
        ClaimsPrincipal user,
        [Description("What the user said, verbatim.")] string situation,
        [Description(UserIdHelp)] string? userId = null,
        [Description("The conversation's session id; pass the same one to end_session later.")] string? sessionId = null,
        [Description("Kinds of intervention to rank (for example breathing, reframe, break, check-in); leave out for the defaults.")] string[]? kinds = null,
        CancellationToken cancellationToken = default) =>
        TurnCalls.PrepareAsync(Tenant(user), new PrepareTurnBody(userId, sessionId, situation, kinds), options, cancellationToken);

    /// <summary>Completes a prepared turn.</summary>
    [McpServerTool(Name = "complete_turn", Title = "Record your answer to a turn", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Call this once after you answered, with the turnId from prepare_turn and your answer verbatim. Rapport scores the answer " +
        "(supportiveness, brevity, tool use) and records it as an intervention; returns it with its 'id' and scores. Keep the 'intervention.id' to report " +
        "later with set_outcome whether it helped. A turn can be completed once; a second call says it is no longer waiting.")]
    public Task<CompletedTurnView> CompleteTurn(
        ClaimsPrincipal user,
        [Description("The turnId returned by prepare_turn.")] string turnId,
        [Description("Your answer to the user, verbatim.")] string response,
        [Description("The kind of intervention you made (for example the recommended one); leave out for the default.")] string? kind = null,
        CancellationToken cancellationToken = default) =>
        TurnCalls.CompleteAsync(Tenant(user), turnId, new CompleteTurnBody(response, kind), options, cancellationToken);

    /// <summary>Sets an intervention's outcome.</summary>
    [McpServerTool(Name = "set_outcome", Title = "Say whether an intervention helped", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false)]
    [Description("Call this when you learn whether an intervention helped the user (they said so, or their next message shows it). Rapport learns " +
        "from outcomes which kinds work for this user. Replaces any outcome set before for that intervention.")]
    public Task<InterventionView> SetOutcome(
        ClaimsPrincipal user,
        [Description("The intervention's id (intervention.id from complete_turn).")] string interventionId,
        [Description("helped, not-helped or unknown.")] string outcome,
        [Description("An optional rating from 1 (not at all) to 5 (very much).")] int? rating = null,
        CancellationToken cancellationToken = default) =>
        TurnCalls.SetOutcomeAsync(Tenant(user), interventionId, new OutcomeBody(outcome, rating), cancellationToken);

    /// <summary>Searches a user's memories.</summary>
    [McpServerTool(Name = "search_memories", Title = "Search a user's memories", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Search one user's past interventions for a situation, best match first, each with its outcome and quality. Use it to look " +
        "something up beyond the context prepare_turn already gave you. Reads only.")]
    public Task<IReadOnlyList<HitView>> SearchMemories(
        ClaimsPrincipal user,
        [Description("What to look for, in the user's or your words.")] string query,
        [Description(UserIdHelp)] string? userId = null,
        [Description("How many results, 1-100 (default 5).")] int? top = null,
        [Description("Only these outcomes: helped, not-helped or unknown.")] string? outcome = null,
        [Description("Only these kinds of intervention.")] string[]? kinds = null,
        [Description("Only interventions scored at least this quality, 0-1.")] double? minQuality = null,
        CancellationToken cancellationToken = default) =>
        UserCalls.RecallAsync(Tenant(user), userId, new RecallBody(query, top, minQuality, outcome, kinds), cancellationToken);

    /// <summary>Ranks kinds of intervention.</summary>
    [McpServerTool(Name = "recommend_kinds", Title = "Rank kinds of intervention", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Rank kinds of intervention for a situation by how likely each is to help this user, best first, with the evidence " +
        "(outcomes counted, similar past cases). prepare_turn already includes this; use this tool to ask without starting a turn. Reads only.")]
    public Task<RecommendationView> RecommendKinds(
        ClaimsPrincipal user,
        [Description("What the user said or the situation to rank for.")] string situation,
        [Description(UserIdHelp)] string? userId = null,
        [Description("Kinds to rank; leave out for the defaults.")] string[]? kinds = null,
        CancellationToken cancellationToken = default) =>
        TurnCalls.RecommendAsync(Tenant(user), userId, new RecommendBody(situation, kinds), cancellationToken);

    /// <summary>Ends a session.</summary>
    [McpServerTool(Name = "end_session", Title = "End a session", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Call this once when the conversation ends. Rapport writes the session's reflection (what helped, what did not) and updates " +
        "the user's profile; the next sessions' contexts draw on them. Returns the reflection and the profile.")]
    public Task<EndedSessionView> EndSession(
        ClaimsPrincipal user,
        [Description("The session id given to prepare_turn.")] string sessionId,
        [Description(UserIdHelp)] string? userId = null,
        CancellationToken cancellationToken = default) =>
        TurnCalls.EndSessionAsync(Tenant(user), sessionId, new EndSessionBody(userId), cancellationToken);

    /// <summary>Reads a user's profile.</summary>
    [McpServerTool(Name = "get_profile", Title = "Read a user's profile", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Read what Rapport has learned about one user: how often each kind of intervention helped, and the insights from their " +
        "sessions. Reads only.")]
    public async Task<Rapport.Memory.UserProfile> GetProfile(
        ClaimsPrincipal user, [Description(UserIdHelp)] string? userId = null, CancellationToken cancellationToken = default)
    {
        var t = Tenant(user);
        return await t.Scope.Memory.GetProfileAsync(t.User(userId), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Counts live records.</summary>
    [McpServerTool(Name = "get_stats", Title = "Count memories", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Count live records (users, interventions, how many helped or not, reflections, profiles) in this API key's tenant, or for " +
        "one user when userId is given (always that user for a key bound to one). Reads only.")]
    public Task<StatsView> GetStats(
        ClaimsPrincipal user, [Description("Count only this user's records; leave out for the whole tenant.")] string? userId = null,
        CancellationToken cancellationToken = default) =>
        UserCalls.StatsAsync(Tenant(user), userId, cancellationToken);

    /// <summary>Forgets a user.</summary>
    [McpServerTool(Name = "forget_user", Title = "Forget a user", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false)]
    [Description("Delete every record about one user in this tenant (interventions, reflections, profile, waiting turns, local traces); it cannot be undone. " +
        "Call it only when the user asked to be forgotten. Returns how many records were removed; a second call removes nothing more.")]
    public Task<ForgetView> ForgetUser(
        ClaimsPrincipal user, [Description(UserIdHelp)] string? userId = null, CancellationToken cancellationToken = default) =>
        UserCalls.ForgetAsync(Tenant(user), userId, telemetry, cancellationToken);

    // Identity comes from the authenticated key only; no tool has a tenant parameter.
    private TenantContext Tenant(ClaimsPrincipal user) =>
        Caller.From(user) is { } caller
            ? new TenantContext(caller, tenants.Get(caller.Tenant))
            : throw new ForbiddenException("No authenticated key.");
}
