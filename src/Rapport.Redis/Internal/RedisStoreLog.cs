using Microsoft.Extensions.Logging;

namespace Rapport.Redis.Internal;

/// <summary>The store's log messages (source-generated).</summary>
internal static partial class RedisStoreLog
{
    [LoggerMessage(1, LogLevel.Warning, "Redis memory unavailable for {Operation} ({Reason}); returning an empty result.")]
    public static partial void DegradedRead(ILogger logger, string operation, string reason);

    [LoggerMessage(2, LogLevel.Warning, "Redis memory unavailable for {Operation} ({Reason}); {Records} record(s) kept in the local outbox for replay.")]
    public static partial void Queued(ILogger logger, string operation, string reason, int records);

    [LoggerMessage(3, LogLevel.Information, "Replayed {Entries} outbox entries to Redis; {Pending} pending.")]
    public static partial void Replayed(ILogger logger, int entries, long pending);

    [LoggerMessage(4, LogLevel.Error, "Outbox entry {Sequence} ({Kind}) cannot be replayed and was moved to dead_letters: {Reason}")]
    public static partial void DeadLetter(ILogger logger, long sequence, string kind, string reason);

    [LoggerMessage(5, LogLevel.Warning, "Outbox replay failed; retrying later.")]
    public static partial void ReplayFailed(ILogger logger, Exception exception);
}
