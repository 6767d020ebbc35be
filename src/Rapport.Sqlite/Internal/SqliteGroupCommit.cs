using Microsoft.Data.Sqlite;

namespace Rapport.Sqlite.Internal;

/// <summary>Runs the small writes of concurrent callers in one transaction, so they share one commit (and its sync) instead of
/// taking turns at one sync each: group commit.</summary>
/// <remarks>
/// <para>
/// The first caller to find no batch running leads: it takes every write queued so far (at most <see cref="MaxBatch"/>), runs
/// each inside a savepoint of one <c>BEGIN IMMEDIATE</c> transaction, commits, and only then releases the callers; callers
/// arriving meanwhile queue, and the first of them leads the next batch. A write that throws rolls back to its savepoint and
/// gets its exception; the others of the batch commit. When SQLite abandons the whole transaction (a full disk, an I/O error)
/// or the commit fails, every write of the batch gets the exception and nothing of the batch is in the file. So every caller
/// is told exactly what the file holds: returned means committed with the durability of the store, thrown means not written.
/// </para>
/// <para>Actions a write registers with <see cref="Batch.OnCommitted"/> (cache updates) run after the commit, in order.</para>
/// </remarks>
internal sealed class SqliteGroupCommit
{
    /// <summary>The most writes one transaction takes.</summary>
    public const int MaxBatch = 64;

    private readonly Func<SqliteConnection> _connect;
    private readonly Func<Lock.Scope> _enterWrite;
    private readonly Lock _queueLock = new();
    private readonly Queue<Entry> _queue = new();
    private bool _leading;

    /// <summary>Creates the runner over <paramref name="connect"/>, holding <paramref name="enterWrite"/> (the store's write lock,
    /// which its other writers take) while a batch runs.</summary>
    public SqliteGroupCommit(Func<SqliteConnection> connect, Func<Lock.Scope> enterWrite)
    {
        _connect = connect;
        _enterWrite = enterWrite;
    }

    /// <summary>Runs <paramref name="write"/> in the next batch and returns its result once the batch is committed.</summary>
    public T Run<T>(Func<Batch, T> write)
    {
        var entry = new Entry<T>(write);
        bool lead;
        lock (_queueLock)
        {
            _queue.Enqueue(entry);
            lead = !_leading;
            _leading = true;
        }

        if (!lead)
        {
            entry.Signal.Wait();
            if (!entry.Promoted)
            {
                return entry.Result();
            }
        }

        List<Entry> batch;
        lock (_queueLock)
        {
            batch = new List<Entry>(Math.Min(_queue.Count, MaxBatch));
            while (batch.Count < MaxBatch && _queue.TryDequeue(out var next))
            {
                batch.Add(next);
            }
        }

        try
        {
            RunBatch(batch);
        }
        finally
        {
            lock (_queueLock)
            {
                if (_queue.TryPeek(out var next))
                {
                    next.Promoted = true;
                    next.Signal.Set();
                }
                else
                {
                    _leading = false;
                }
            }

            foreach (var done in batch)
            {
                if (!ReferenceEquals(done, entry))
                {
                    done.Signal.Set();
                }
            }
        }

        return entry.Result();
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

            if (single && entries[0].Error is not null)
            {
                return;
            }

            transaction.Commit();
            committed = batch;
        }
        catch (Exception ex)
        {
            foreach (var entry in entries)
            {
                entry.FailUnlessFailed(ex);
            }
        }

        // Outside the catch: the batch is in the file, whatever these do.
        committed?.RunCommitted();
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
        public ManualResetEventSlim Signal { get; } = new(false);

        public bool Promoted { get; set; }

        public Exception? Error { get; protected set; }

        /// <summary>Runs the write; false when it threw (the exception is kept).</summary>
        public abstract bool Execute(Batch batch);

        public void FailUnlessFailed(Exception error) => Error ??= error;
    }

    private sealed class Entry<T>(Func<Batch, T> write) : Entry
    {
        private T? _result;

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

        public T Result()
        {
            Signal.Dispose();
            if (Error is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(Error);
            }

            return _result!;
        }
    }
}
