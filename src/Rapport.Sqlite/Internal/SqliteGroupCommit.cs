using Microsoft.Data.Sqlite;

namespace Rapport.Sqlite.Internal;

/// <summary>Runs the small writes of concurrent callers in one transaction, so they share one commit (and its sync) instead of
/// taking turns at one sync each: group commit.</summary>
/// <remarks>
/// <para>
/// A caller that finds no batch running runs its write at once on its own thread (a lone writer pays no hand-off). Callers
/// arriving meanwhile queue and wait asynchronously, holding no thread: when the running batch ends with writes queued, this
/// store's writer thread takes every write queued so far (at most <see cref="MaxBatch"/>), runs each inside a savepoint of one
/// <c>BEGIN IMMEDIATE</c> transaction, commits, completes their tasks, and goes on while writes keep coming. Under load, then,
/// one dedicated thread waits on SQLite and its sync, not one thread-pool thread per writer, blocked where the server's requests
/// needed it (the load benchmark, bench/results/load.md). The thread ends after <see cref="Linger"/> without writes.
/// </para>
/// <para>
/// A write that throws rolls back to its savepoint and gets its exception; the others of the batch commit. When SQLite abandons
/// the whole transaction (a full disk, an I/O error) or the commit fails, every write of the batch gets the exception and nothing
/// of the batch is in the file. So every caller is told exactly what the file holds: completed means committed with the
/// durability of the store, faulted means not written.
/// </para>
/// <para>Actions a write registers with <see cref="Batch.OnCommitted"/> (cache updates) run after the commit, in order, before
/// the batch's tasks complete.</para>
/// </remarks>
#pragma warning disable CA1001 // The wake is a SemaphoreSlim whose wait handle is never created: nothing to dispose; it lives as long as its store.
internal sealed class SqliteGroupCommit
#pragma warning restore CA1001
{
    /// <summary>The most writes one transaction takes.</summary>
    public const int MaxBatch = 64;

    /// <summary>How long the writer thread waits for more writes before it ends.</summary>
    public static readonly TimeSpan Linger = TimeSpan.FromSeconds(2);

    private readonly Func<SqliteConnection> _connect;
    private readonly Func<Lock.Scope> _enterWrite;
    private readonly Lock _queueLock = new();
    private readonly Queue<Entry> _queue = new();
    private readonly SemaphoreSlim _wake = new(0);

    // Who runs batches: _leading while a caller or the writer thread owns the next batch; _handedOff when the writer thread is to
    // take over; _writerAlive while the thread exists (running or lingering).
    private bool _leading;
    private bool _handedOff;
    private bool _writerAlive;

    /// <summary>Creates the runner over <paramref name="connect"/>, holding <paramref name="enterWrite"/> (the store's write lock,
    /// which its other writers take) while a batch runs.</summary>
    public SqliteGroupCommit(Func<SqliteConnection> connect, Func<Lock.Scope> enterWrite)
    {
        _connect = connect;
        _enterWrite = enterWrite;
    }

    /// <summary>Runs <paramref name="write"/> in the next batch; the task completes once the batch is committed (at once, on this
    /// thread, when no other batch was running).</summary>
    public Task<T> RunAsync<T>(Func<Batch, T> write)
    {
        var entry = new Entry<T>(write);
        bool lead;
        lock (_queueLock)
        {
            _queue.Enqueue(entry);
            lead = !_leading;
            _leading = true;
        }

        if (lead)
        {
            RunBatch(Take());
            HandOff();
        }

        return entry.Task;
    }

    private List<Entry> Take()
    {
        lock (_queueLock)
        {
            var batch = new List<Entry>(Math.Min(_queue.Count, MaxBatch));
            while (batch.Count < MaxBatch && _queue.TryDequeue(out var next))
            {
                batch.Add(next);
            }

            return batch;
        }
    }

    // After a caller's own batch: writes that queued meanwhile go to the writer thread; none, and the next caller leads.
    private void HandOff()
    {
        lock (_queueLock)
        {
            if (_queue.Count == 0)
            {
                _leading = false;
                return;
            }

            _handedOff = true;
            if (_writerAlive)
            {
                _wake.Release();
                return;
            }

            _writerAlive = true;
        }

        new Thread(WriterLoop) { IsBackground = true, Name = "Rapport SQLite writer" }.Start();
    }

    private void WriterLoop()
    {
        while (true)
        {
            lock (_queueLock)
            {
                if (!_handedOff)
                {
                    _writerAlive = false;
                    return;
                }

                _handedOff = false;
            }

            bool more;
            do
            {
                RunBatch(Take());
                lock (_queueLock)
                {
                    more = _queue.Count > 0;
                    _leading = more;
                }
            }
            while (more);

            // Linger for the next hand-off. A wake left over from an earlier one may end the thread early: harmless, the next
            // hand-off starts another.
            _ = _wake.Wait(Linger);
        }
    }

    private void RunBatch(List<Entry> entries)
    {
        Batch? committed = null;
        try
        {
            using var connection = _connect();
            using var gate = _enterWrite();
            using var transaction = SqliteWrite.Begin(connection);
            var batch = new Batch(connection, transaction);
            var single = entries.Count == 1;
            foreach (var entry in entries)
            {
                if (single)
                {
                    entry.Execute(batch);
                    break;
                }

                Execute(connection, "SAVEPOINT rapport_write;");
                if (entry.Execute(batch))
                {
                    Execute(connection, "RELEASE rapport_write;");
                }
                else if (SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) != 0)
                {
                    // SQLite rolled the whole transaction back: nothing of the batch is written.
                    throw entry.Error!;
                }
                else
                {
                    Execute(connection, "ROLLBACK TO rapport_write; RELEASE rapport_write;");
                    batch.DropActionsFrom(entry);
                }
            }

            // A lone write that failed commits nothing (disposing the transaction rolls it back).
            if (!single || entries[0].Error is null)
            {
                transaction.Commit();
                committed = batch;
            }
        }
        catch (Exception ex)
        {
            foreach (var entry in entries)
            {
                entry.FailUnlessFailed(ex);
            }
        }

        try
        {
            // Outside the catch above: the batch is in the file, whatever these do.
            committed?.RunCommitted();
        }
        catch (Exception ex)
        {
            // A cache update failed (a bug): the writes are committed, but their callers learn that something went wrong.
            foreach (var entry in entries)
            {
                entry.FailUnlessFailed(ex);
            }
        }

        foreach (var entry in entries)
        {
            entry.Complete();
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = SqliteValues.Command(connection, sql);
        command.ExecuteNonQuery();
    }

    /// <summary>One transaction's connection, and the actions its writes run after the commit.</summary>
    internal sealed class Batch(SqliteConnection connection, SqliteWrite transaction)
    {
        private readonly List<(Entry Owner, Action Action)> _committed = [];

        /// <summary>Gets the batch's connection.</summary>
        public SqliteConnection Connection { get; } = connection;

        /// <summary>Gets the batch's transaction.</summary>
        public SqliteWrite Transaction { get; } = transaction;

        internal Entry? Current { get; set; }

        /// <summary>Runs <paramref name="action"/> after the batch commits (never when this write or the batch fails).</summary>
        public void OnCommitted(Action action) => _committed.Add((Current!, action));

        internal void DropActionsFrom(Entry entry) => _committed.RemoveAll(c => ReferenceEquals(c.Owner, entry));

        internal void RunCommitted()
        {
            foreach (var (_, action) in _committed)
            {
                action();
            }
        }
    }

    /// <summary>A queued write.</summary>
    internal abstract class Entry
    {
        public Exception? Error { get; protected set; }

        /// <summary>Runs the write; false when it threw (the exception is kept).</summary>
        public abstract bool Execute(Batch batch);

        public void FailUnlessFailed(Exception error) => Error ??= error;

        /// <summary>Completes the caller's task with the result or the error (its continuation runs elsewhere, never inside the batch).</summary>
        public abstract void Complete();
    }

    private sealed class Entry<T>(Func<Batch, T> write) : Entry
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Task => _done.Task;

        public override bool Execute(Batch batch)
        {
            batch.Current = this;
            try
            {
                _result = write(batch);
                return true;
            }
            catch (Exception ex)
            {
                Error = ex;
                return false;
            }
        }

        public override void Complete()
        {
            if (Error is not null)
            {
                _done.TrySetException(Error);
            }
            else
            {
                _done.TrySetResult(_result!);
            }
        }
    }
}
