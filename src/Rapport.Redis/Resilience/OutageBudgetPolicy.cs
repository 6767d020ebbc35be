using Microsoft.Extensions.Logging;
using Rapport.Redis.Internal;
using Rapport.Redis.Outbox;
using Rapport.Storage;
using StackExchange.Redis;

namespace Rapport.Redis.Resilience;

/// <summary>How long each kind of call waits for Redis, and what it does instead: reads degrade, writes queue, maintenance throws.</summary>
/// <remarks>
/// Agent-facing calls wait at most <see cref="RedisStoreOptions.Budget"/>: a read then returns its fallback (with a
/// warning and <c>rapport.store.degraded_reads</c>), a write goes to the outbox (its Redis attempt gets 60% of the budget
/// so that the durable insert fits in the rest). While the outbox is not empty, writes queue behind it to keep their
/// order. Maintenance calls wait <see cref="RedisStoreOptions.MaintenanceTimeout"/> and throw <see cref="MemoryStoreException"/>.
/// Thread-safe.
/// </remarks>
internal sealed class OutageBudgetPolicy(
    IConnectionMultiplexer connection, RedisStoreOptions options, SqliteOutbox outbox, ReplaySignal replay, ILogger logger, ConnectionHealth health)
{
    private readonly TimeSpan _attemptBudget = options.Budget * 0.6;

    // The last attempt that ran over its budget and has not finished. Commands on one connection answer in order, so while it
    // hangs (Redis frozen, say) every later call would wait its own full budget behind it: a recall's two reads took twice
    // the budget. Until it finishes, calls degrade or queue at once, so one operation spends the budget once.
    private Task? _stalled;

    /// <summary>Runs a read within the budget; when Redis is unreachable or too slow, returns <paramref name="fallback"/>.</summary>
    /// <param name="operation">The operation's name in logs and metrics.</param>
    /// <param name="read">The read.</param>
    /// <param name="fallback">What an unreachable Redis answers.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <param name="guardsWrite">The read only guards a write that is queued in the outbox anyway (the embedder binding): it
    /// degrades even when <see cref="RedisStoreOptions.DegradeReads"/> is off, so the write is acknowledged, not refused.</param>
    public async Task<T> ReadOrDegradeAsync<T>(string operation, Func<Task<T>> read, T fallback, CancellationToken cancellationToken, bool guardsWrite = false)
    {
        if (!connection.IsConnected)
        {
            return Degraded(operation, health.NotConnectedReason, fallback, guardsWrite);
        }

        if (Stalled)
        {
            return Degraded(operation, "an earlier call is still waiting for Redis", fallback, guardsWrite);
        }

        var attempt = read();
        try
        {
            return await attempt.WaitAsync(options.Budget, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            RedisFailures.Observe(attempt);
            MarkStalled(attempt, ex);
            return Degraded(operation, RedisFailures.Reason(ex), fallback, guardsWrite);
        }
    }

    /// <summary>Runs the rest of a read whose first round trip answered within the budget: Redis is reachable, so the read may
    /// take up to the maintenance timeout (a cold user's load) rather than return <paramref name="fallback"/> for being slow.</summary>
    public async Task<T> ContinueOrDegradeAsync<T>(string operation, Func<Task<T>> read, T fallback, CancellationToken cancellationToken)
    {
        var attempt = read();
        try
        {
            return await attempt.WaitAsync(options.MaintenanceTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            RedisFailures.Observe(attempt);
            MarkStalled(attempt, ex);
            return Degraded(operation, RedisFailures.Reason(ex), fallback);
        }
    }

    /// <summary>Writes within the budget; when Redis is unreachable, too slow, or the outbox is not empty, queues instead.</summary>
    /// <param name="operation">The operation's name in logs and metrics.</param>
    /// <param name="write">The write to Redis.</param>
    /// <param name="entries">The outbox entries that replay the write (built only when it is queued).</param>
    /// <param name="cancellationToken">Stops waiting for the attempt.</param>
    public async Task WriteOrQueueAsync(
        string operation, Func<Task> write, Func<IReadOnlyList<(string UserId, string Kind, string Payload, int Records)>> entries,
        CancellationToken cancellationToken)
    {
        string reason;
        if (outbox.Pending > 0)
        {
            reason = "earlier writes are still queued";
        }
        else if (!connection.IsConnected)
        {
            reason = health.NotConnectedReason;
        }
        else if (Stalled)
        {
            reason = "an earlier call is still waiting for Redis";
        }
        else
        {
            var attempt = write();
            try
            {
                await attempt.WaitAsync(_attemptBudget, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
            {
                // The attempt may still land; replay is idempotent, so queueing it as well never duplicates it.
                RedisFailures.Observe(attempt);
                MarkStalled(attempt, ex);
                reason = RedisFailures.Reason(ex);
            }
        }

        var queued = entries();
        outbox.Enqueue(queued);
        var records = queued.Sum(e => e.Records);
        RedisStoreMetrics.Add(RedisStoreMetrics.OutboxQueued, operation);
        RedisStoreLog.Queued(logger, operation, reason, records);
        replay.Set();
    }

    /// <summary>Runs a maintenance call with the maintenance timeout; an outage throws <see cref="MemoryStoreException"/>.</summary>
    public async Task<T> MaintainAsync<T>(string operation, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().WaitAsync(options.MaintenanceTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw new MemoryStoreException(
                $"Redis is unavailable for {operation} ({RedisFailures.Reason(ex)}); nothing was changed by this call's failed part. Retry later.", ex);
        }
    }

    /// <summary>Runs a store-wide read that a turn may wait for (population learning) as <see cref="MaintainAsync"/> does, but
    /// throws <see cref="MemoryStoreException"/> at once while Redis is known to be unreachable (disconnected, or an earlier
    /// call still waiting for it), so that a turn does not wait out the maintenance timeout on a Redis that is down or frozen.</summary>
    public async Task<T> ReadStoreWideAsync<T>(string operation, Func<Task<T>> read, CancellationToken cancellationToken)
    {
        var reason = !connection.IsConnected ? health.NotConnectedReason : Stalled ? "an earlier call is still waiting for Redis" : null;
        if (reason is not null)
        {
            throw new MemoryStoreException($"Redis at {health.Endpoint} is unreachable ({reason}): nothing was read for {operation}.");
        }

        return await MaintainAsync(operation, read, cancellationToken).ConfigureAwait(false);
    }

    private bool Stalled => Volatile.Read(ref _stalled) is { IsCompleted: false };

    private void MarkStalled(Task attempt, Exception ex)
    {
        if (ex is TimeoutException && !attempt.IsCompleted)
        {
            Volatile.Write(ref _stalled, attempt);
        }
    }

    private T Degraded<T>(string operation, string reason, T fallback, bool guardsWrite = false)
    {
        if (!options.DegradeReads && !guardsWrite)
        {
            // A tool that reports to a person (the CLI) must say that Redis is down, never answer "no memories".
            throw new MemoryStoreException($"Redis at {health.Endpoint} is unreachable ({reason}): nothing was read.");
        }

        RedisStoreMetrics.Add(RedisStoreMetrics.DegradedReads, operation);
        RedisStoreLog.DegradedRead(logger, operation, reason);
        return fallback;
    }
}
