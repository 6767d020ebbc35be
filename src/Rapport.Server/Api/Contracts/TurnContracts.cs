namespace Rapport.Server.Api.Contracts;

// The turn's request and response shapes, together: each is a plain record read next to the others.

/// <summary>What the user said: <c>POST /v1/turns</c>.</summary>
/// <param name="UserId">The user; may be left out with a key bound to one user.</param>
/// <param name="SessionId">The session, or <see langword="null"/>.</param>
/// <param name="Situation">What the user said.</param>
/// <param name="Kinds">The kinds to rank, or <see langword="null"/> for the defaults.</param>
public sealed record PrepareTurnBody(string? UserId, string? SessionId, string Situation, IReadOnlyList<string>? Kinds = null);

/// <summary>A prepared turn: complete it with <c>POST /v1/turns/{turnId}/complete</c> before <see cref="ExpiresAt"/>.</summary>
public sealed record PreparedTurnView(
    string TurnId, string UserId, string? SessionId, ContextView Context, RecommendationView Recommendation, IReadOnlyList<HitView> Hits, DateTimeOffset ExpiresAt);

/// <summary>The agent's answer: <c>POST /v1/turns/{turnId}/complete</c>.</summary>
/// <param name="Response">The agent's words.</param>
/// <param name="Kind">The kind of intervention made, or <see langword="null"/> for the default.</param>
public sealed record CompleteTurnBody(string Response, string? Kind = null);

/// <summary>A completed turn: the recorded intervention with its scores; report its outcome by <c>Intervention.Id</c>.</summary>
public sealed record CompletedTurnView(InterventionView Intervention, bool IsLowQuality);

/// <summary>Whether an intervention helped: <c>POST /v1/interventions/{id}/outcome</c>.</summary>
/// <param name="Outcome"><c>helped</c>, <c>not-helped</c> or <c>unknown</c>.</param>
/// <param name="Rating">An optional 1-5 rating.</param>
public sealed record OutcomeBody(string Outcome, int? Rating = null);

/// <summary>Whose session ends: <c>POST /v1/sessions/{id}/end</c>.</summary>
/// <param name="UserId">The user; may be left out with a key bound to one user.</param>
public sealed record EndSessionBody(string? UserId);
