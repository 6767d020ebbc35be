using Rapport.Memory;

namespace Rapport.Server.Api.Contracts;

// The memory endpoints' request and response shapes, together: each is a plain record read next to the others.

/// <summary>An intervention to record as is (unscored): <c>POST /v1/interventions</c>.</summary>
public sealed record RecordBody(
    string? UserId, string? SessionId, string Situation, string Kind, string Text, string? Tool = null, string? Outcome = null, int? Rating = null,
    IReadOnlyDictionary<string, string>? Metadata = null);

/// <summary>A search of one user's memories: <c>POST /v1/users/{userId}/recall</c>.</summary>
public sealed record RecallBody(
    string Query, int? Top = null, double? MinQuality = null, string? Outcome = null, IReadOnlyList<string>? Kinds = null,
    DateTimeOffset? Since = null, DateTimeOffset? Until = null, double? MinSimilarity = null);

/// <summary>A situation to rank kinds for: <c>POST /v1/users/{userId}/recommendations</c>.</summary>
public sealed record RecommendBody(string Situation, IReadOnlyList<string>? Kinds = null);

/// <summary>An ended session: its reflection and the updated profile.</summary>
public sealed record EndedSessionView(SessionReflection Reflection, UserProfile Profile);

/// <summary>Everything stored about one user.</summary>
public sealed record UserExport(string UserId, DateTimeOffset ExportedAt, IReadOnlyList<InterventionView> Interventions, IReadOnlyList<SessionReflection> Reflections, UserProfile Profile);

/// <summary>What a forget removed.</summary>
public sealed record ForgetView(string UserId, long Removed);

/// <summary>Counts of live records in the caller's tenant (or for one user).</summary>
public sealed record StatsView(string Tenant, string? UserId, long Users, long Interventions, long Helped, long NotHelped, long Reflections, long Profiles);
