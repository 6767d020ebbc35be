using Rapport.Redis.Internal;
using Rapport.Storage;
using StackExchange.Redis;

namespace Rapport.Redis;

public sealed partial class RedisMemoryStore
{
    /// <summary>Runs a read within the budget; when Redis is unreachable or too slow, returns <paramref name="fallback"/>.</summary>
    private async Task<T> ReadOrDegradeAsync<T>(string operation, Func<Task<T>> read, T fallback, CancellationToken cancellationToken)
    {
        if (!_connection.IsConnected)
        {
            return Degraded(operation, "not connected", fallback);
        }

        var attempt = read();
        try
        {
            return await attempt.WaitAsync(_options.Budget, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            Observe(attempt);
            return Degraded(operation, Reason(ex), fallback);
        }
    }

    /// <summary>Writes within the budget; when Redis is unreachable, too slow, or the outbox is not empty, queues instead.</summary>
    private async Task WriteOrQueueAsync(
        string operation, Func<Task> write, Func<IReadOnlyList<(string UserId, string Kind, string Payload, int Records)>> entries,
        CancellationToken cancellationToken)
    {
        string reason;
        if (_outbox.Pending > 0)
        {
            reason = "earlier writes are still queued";
        }
        else if (!_connection.IsConnected)
        {
            reason = "not connected";
        }
        else
        {
            var attempt = write();
            try
            {
                await attempt.WaitAsync(_attemptBudget, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (IsUnavailable(ex))
            {
                // The attempt may still land; replay is idempotent, so queueing it as well never duplicates it.
                Observe(attempt);
                reason = Reason(ex);
            }
        }

        var queued = entries();
        _outbox.Enqueue(queued);
        var records = queued.Sum(e => e.Records);
        RedisStoreMetrics.Add(RedisStoreMetrics.OutboxQueued, operation);
        RedisStoreLog.Queued(_logger, operation, reason, records);
        SignalReplay();
    }

    /// <summary>Runs a maintenance call with the maintenance timeout; an outage throws <see cref="MemoryStoreException"/>.</summary>
    private async Task<T> MaintainAsync<T>(string operation, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().WaitAsync(_options.MaintenanceTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw new MemoryStoreException($"Redis is unavailable for {operation} ({Reason(ex)}); nothing was changed by this call's failed part. Retry later.", ex);
        }
    }

    /// <summary>Evaluates a per-user script; when the user has no version yet, draws one from the store-wide sequence and retries.</summary>
    /// <remarks>
    /// A user's versions start at <c>sequence &lt;&lt; 32</c> and count up from there. The sequence never goes back, so
    /// a user forgotten and written again can never reach a version that a process cached for the old data.
    /// </remarks>
    private async Task<RedisResult> EvalVersionedAsync(string script, string userId, Func<string, RedisValue[]> arguments)
    {
        RedisKey[] key = [_keys.Version(userId)];
        var result = await Db.ScriptEvaluateAsync(script, key, arguments("0")).ConfigureAwait(false);
        if (result.Length == 1 && (string?)result[0] == "epoch")
        {
            var epoch = await Db.StringIncrementAsync(_keys.Sequence).ConfigureAwait(false);
            result = await Db.ScriptEvaluateAsync(script, key, arguments((epoch << 32).ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .ConfigureAwait(false);
        }

        return result;
    }

    private Task<RedisResult> EvalAsync(string script, string userId, params RedisValue[] arguments) =>
        Db.ScriptEvaluateAsync(script, [_keys.Version(userId)], arguments);

    private T Degraded<T>(string operation, string reason, T fallback)
    {
        RedisStoreMetrics.Add(RedisStoreMetrics.DegradedReads, operation);
        RedisStoreLog.DegradedRead(_logger, operation, reason);
        return fallback;
    }

    // Any failure of Redis itself (connection, timeout, or a server error such as LOADING, CLUSTERDOWN, OOM or
    // NOSCRIPT after a restart) makes the store unavailable for this call; bad input never gets here (it throws
    // ArgumentException before any I/O, or from a script's duplicate check).
    private static bool IsUnavailable(Exception ex) => ex is RedisException or TimeoutException;

    private static string Reason(Exception ex) => ex is TimeoutException ? "over budget" : ex.GetType().Name;

    // An abandoned attempt may fault later; observe it so that its exception is not reported as unobserved.
    private static void Observe(Task attempt) =>
        attempt.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}
