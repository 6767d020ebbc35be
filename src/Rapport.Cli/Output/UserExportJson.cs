using Rapport.Memory;

namespace Rapport.Cli.Output;

/// <summary>Everything Rapport holds about one user, as <c>rapport memories export</c> prints it.</summary>
/// <param name="UserId">The user.</param>
/// <param name="ExportedAt">When the export was taken.</param>
/// <param name="Memories">Every live memory, newest first (embeddings left out; their model is named).</param>
/// <param name="Reflections">Every live session reflection, newest first.</param>
/// <param name="Profile">The profile (empty when none was saved).</param>
internal sealed record UserExportJson(
    string UserId, DateTimeOffset ExportedAt, IReadOnlyList<InterventionJson> Memories, IReadOnlyList<SessionReflection> Reflections, UserProfile Profile);
