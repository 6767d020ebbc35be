namespace Rapport.Memory;

/// <summary>Where a re-embedding run stands, reported after every batch.</summary>
/// <param name="UserId">The user being re-embedded.</param>
/// <param name="UsersDone">Users finished before this one.</param>
/// <param name="Users">Users in the run.</param>
/// <param name="Reembedded">Memories re-embedded so far in the run.</param>
/// <param name="Pending">Memories found awaiting re-embedding so far (grows as users are listed).</param>
public sealed record ReembedProgress(string UserId, int UsersDone, int Users, long Reembedded, long Pending);
