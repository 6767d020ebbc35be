using Rapport.Memory;

namespace Rapport.SelfImprovement;

/// <summary>What <see cref="RapportLoop.EndSessionAsync"/> wrote: the session's reflection and the user's updated profile.</summary>
/// <param name="Reflection">The stored reflection, with its insights.</param>
/// <param name="Profile">The user's profile as saved after the session.</param>
public sealed record EndedSession(SessionReflection Reflection, UserProfile Profile);
