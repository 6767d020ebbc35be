using Rapport.Storage;
using Rapport.Telemetry;

namespace Rapport.Learning;

/// <summary>A value computed from a store-wide read (the population's rates, the directions learnt from outcomes), reused
/// for an interval and then read again.</summary>
/// <remarks>
/// <para>
/// One read runs at a time, shared by every caller that finds the value stale (it is not cancelled when one of them is).
/// The first caller waits for it, as does every caller when <c>background</c> is off (then every turn after a refresh sees
/// the new value, which keeps the demo reproducible); when it is on, a caller that finds a value read before stale starts
/// the read and goes on with the old value, so no turn waits for a store-wide read (on Redis a scan of every user).
/// </para>
/// <para>
/// The value only sharpens the learning, so a read the store cannot answer (<see cref="MemoryStoreException"/>: Redis down,
/// say) never fails a turn: the value read before is kept (the initial one at first), the failure is counted in
/// <c>rapport.store.errors</c> (its type only), and the read is tried again after <see cref="RetryAfterFailure"/> (or the
/// interval, when shorter) rather than at every turn of the outage. Any other exception is a fault: it is counted and
/// thrown to the callers waiting for that read, and retried as late. Thread-safe.
/// </para>
/// </remarks>
/// <typeparam name="T">The value.</typeparam>
internal sealed class PeriodicRead<T>
{
    /// <summary>How long after a failed read the next is tried, unless the interval is shorter.</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(1);

    private readonly Func<Task<T>> _read;
    private readonly TimeSpan _interval;
    private readonly bool _background;
    private readonly TimeProvider _time;
    private readonly string _dataSource;
    private readonly string _operation;
    private readonly Lock _gate = new();
    private Snapshot _snapshot;
    private Task<Snapshot>? _reading;

    /// <summary>Creates the value, stale until first read.</summary>
    /// <param name="read">Reads the store and computes the value.</param>
    /// <param name="initial">The value until a read succeeds.</param>
    /// <param name="interval">How long a value read is reused.</param>
    /// <param name="background">Whether a caller that finds a value read before stale goes on with it while it is read again.</param>
    /// <param name="time">The clock.</param>
    /// <param name="dataSource">The store's id on the failure metric (<see cref="TracingMemoryStore.DataSourceId"/>).</param>
    /// <param name="operation">The operation a failed read is counted under.</param>
    public PeriodicRead(Func<Task<T>> read, T initial, TimeSpan interval, bool background, TimeProvider time, string dataSource, string operation)
    {
        _read = read;
        _interval = interval;
        _background = background;
        _time = time;
        _dataSource = dataSource;
        _operation = operation;
        _snapshot = new Snapshot(initial, Read: false, StaleAt: DateTimeOffset.MinValue);
    }

    /// <summary>Returns the value, reading it again first when it is stale (unless it goes on with the old one, see remarks).</summary>
    public async Task<T> GetAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource<Snapshot>? mine = null;
        Snapshot current;
        Task<Snapshot> reading;
        lock (_gate)
        {
            current = _snapshot;
            if (_time.GetUtcNow() < current.StaleAt)
            {
                return current.Value;
            }

            if (_reading is null)
            {
                mine = new TaskCompletionSource<Snapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
                _reading = mine.Task;

                // A fault is counted and thrown to those who wait; when nobody does (in the background), it is observed here.
                _ = mine.Task.ContinueWith(
                    static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            reading = _reading;
            if (_background && current.Read)
            {
                if (mine is not null)
                {
                    _ = Task.Run(() => ReadAsync(mine, current), CancellationToken.None);
                }

                return current.Value;
            }
        }

        // The caller that starts a read it waits for runs it itself, outside the lock: a read that completes at once (a
        // snapshot, the demo's) then costs no hop to the thread pool. The read is shared and takes no token, so a cancelled
        // caller stops waiting for it without stopping it.
        if (mine is not null)
        {
            _ = ReadAsync(mine, current);
        }

        return (await reading.WaitAsync(cancellationToken).ConfigureAwait(false)).Value;
    }

    // Never throws: the outcome goes to the shared task.
    private async Task ReadAsync(TaskCompletionSource<Snapshot> reading, Snapshot previous)
    {
        Snapshot next;
        Exception? fault = null;
        try
        {
            next = new Snapshot(await _read().ConfigureAwait(false), Read: true, StaleAt: _time.GetUtcNow() + _interval);
        }
        catch (Exception error)
        {
            RapportTelemetry.RecordStoreError(_dataSource, _operation, error);
            next = previous with { StaleAt = _time.GetUtcNow() + (_interval < RetryAfterFailure ? _interval : RetryAfterFailure) };
            fault = error is MemoryStoreException ? null : error;
        }

        // The new snapshot and the end of this read are one step, so no caller starts another read in between.
        lock (_gate)
        {
            _snapshot = next;
            _reading = null;
        }

        if (fault is null)
        {
            reading.SetResult(next);
        }
        else
        {
            reading.SetException(fault);
        }
    }

    private sealed record Snapshot(T Value, bool Read, DateTimeOffset StaleAt);
}
