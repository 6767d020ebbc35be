using StackExchange.Redis;

namespace Rapport.Redis.Resilience;

/// <summary>What counts as Redis being unavailable, how a failure is named in logs, and how abandoned attempts are observed.</summary>
internal static class RedisFailures
{
    /// <summary>Whether <paramref name="ex"/> is a failure of Redis itself rather than of the caller's input.</summary>
    /// <remarks>
    /// Any failure of Redis itself (connection, timeout, or a server error such as LOADING, CLUSTERDOWN, OOM or
    /// NOSCRIPT after a restart) makes the store unavailable for this call; bad input never gets here (it throws
    /// <see cref="ArgumentException"/> before any I/O, or from a script's duplicate check).
    /// </remarks>
    public static bool IsUnavailable(Exception ex) => ex is RedisException or TimeoutException;

    /// <summary>The short reason a log line gives for an unavailable Redis.</summary>
    public static string Reason(Exception ex) => ex is TimeoutException ? "over budget" : ex.GetType().Name;

    /// <summary>Observes an abandoned attempt, so that a later fault is not reported as an unobserved exception.</summary>
    public static void Observe(Task attempt) =>
        attempt.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}
