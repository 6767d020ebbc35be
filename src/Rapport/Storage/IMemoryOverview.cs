namespace Rapport.Storage;

/// <summary>Store-wide aggregates and a user directory for operators (the dashboard): counts only, never a user's text.</summary>
/// <remarks>
/// A capability found with <see cref="IMemoryStore.GetService"/> (through any decorator), offered by stores that can
/// aggregate cheaply (the SQLite store does). Implementations are thread-safe and see only live records.
/// </remarks>
public interface IMemoryOverview
{
    /// <summary>Returns interventions per day since <paramref name="since"/>, outcome counts per kind and the quality distribution.</summary>
    /// <param name="since">The first instant of the activity per day.</param>
    /// <param name="lowQualityBelow">The quality under which an intervention counts as low quality (the recorder's threshold).</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    Task<MemoryOverview> GetOverviewAsync(DateTimeOffset since, double lowQualityBelow, CancellationToken cancellationToken = default);

    /// <summary>Lists users with live interventions whose id starts with <paramref name="prefix"/>, most recently active first.</summary>
    /// <param name="prefix">The start of the user id (ordinal), or <see langword="null"/> for every user.</param>
    /// <param name="limit">The most users returned, 1-10,000.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    Task<IReadOnlyList<UserSummary>> ListUsersAsync(string? prefix, int limit, CancellationToken cancellationToken = default);

    /// <summary>Returns the share of reported outcomes that helped per session index (each user's 1st, 2nd, ... session by time).</summary>
    /// <param name="maxSessions">The most session indexes returned, from 1.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    Task<IReadOnlyList<SessionIndexRate>> GetSessionCurveAsync(int maxSessions, CancellationToken cancellationToken = default);
}
