using Microsoft.Data.Sqlite;
using Rapport.Sqlite.Internal;

namespace Rapport.Sqlite.Tests;

/// <summary>Group commit: writers queued behind a running batch wait without holding a thread, share later transactions, and each
/// learns exactly whether its write is in the file.</summary>
public sealed class SqliteGroupCommitTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-group-").FullName;
    private readonly Lock _writeLock = new();

    [Fact]
    public async Task RunAsync_BehindARunningBatch_ReturnsAtOnceAndCommitsEveryWriteInSharedTransactions()
    {
        var commits = new GroupCommitFile(Path.Combine(_folder, "a.db"));
        var runner = new SqliteGroupCommit(commits.Connect, _writeLock.EnterScope);
        using var releaseFirst = new ManualResetEventSlim();
        var first = StartHeldBatch(runner, commits, releaseFirst);

        // The first batch holds the file: each of these returns a pending task instead of blocking its caller.
        const int Queued = 40;
        var queued = Enumerable.Range(1, Queued).Select(i => runner.RunAsync(batch => commits.Insert(batch, i))).ToList();
        Assert.All(queued, t => Assert.False(t.IsCompleted));

        releaseFirst.Set();
        var ids = await Task.WhenAll(queued.Prepend(first)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Enumerable.Range(0, Queued + 1), ids.Order());
        Assert.Equal(Queued + 1, commits.Count());
        // The queued writes (fewer than MaxBatch) shared one transaction after the first.
        Assert.Equal(2, commits.DistinctTransactions());
    }

    [Fact]
    public async Task RunAsync_AFailingWriteAmongQueuedOnes_FaultsOnlyItsTaskAndLeavesNothingOfIt()
    {
        var commits = new GroupCommitFile(Path.Combine(_folder, "b.db"));
        var runner = new SqliteGroupCommit(commits.Connect, _writeLock.EnterScope);
        using var releaseFirst = new ManualResetEventSlim();
        var first = StartHeldBatch(runner, commits, releaseFirst);

        var good = runner.RunAsync(batch => commits.Insert(batch, 1));
        var bad = runner.RunAsync<int>(batch =>
        {
            commits.Insert(batch, 2);
            throw new InvalidOperationException("rejected write");
        });
        var after = runner.RunAsync(batch => commits.Insert(batch, 3));
        releaseFirst.Set();

        Assert.Equal(0, await first.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, await good.WaitAsync(TimeSpan.FromSeconds(30)));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => bad.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("rejected write", error.Message);
        Assert.Equal(3, await after.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal([0L, 1L, 3L], commits.Ids());
    }

    // Starts a batch writing id 0 that holds the file until releaseFirst is set, and returns once it runs.
    private static Task<int> StartHeldBatch(SqliteGroupCommit runner, GroupCommitFile commits, ManualResetEventSlim releaseFirst)
    {
        using var inFirst = new ManualResetEventSlim();
        var first = Task.Factory.StartNew(
            () => runner.RunAsync(batch =>
            {
                inFirst.Set();
                releaseFirst.Wait(TimeSpan.FromSeconds(30));
                return commits.Insert(batch, 0);
            }),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        Assert.True(inFirst.Wait(TimeSpan.FromSeconds(30)));
        return first;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    // A file with one table of ids; which transaction wrote each id is kept aside.
    private sealed class GroupCommitFile
    {
        private readonly string _connection;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<int, SqliteGroupCommit.Batch> _batches = new();

        public GroupCommitFile(string path)
        {
            _connection = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
            using var connection = Connect();
            Execute(connection, "PRAGMA journal_mode = WAL; CREATE TABLE rows (id INTEGER PRIMARY KEY);");
        }

        public SqliteConnection Connect()
        {
            var connection = new SqliteConnection(_connection);
            connection.Open();
            return connection;
        }

        public int Insert(SqliteGroupCommit.Batch batch, int id)
        {
            using var command = batch.Connection.CreateCommand();
            command.CommandText = "INSERT INTO rows (id) VALUES ($id)";
            command.Parameters.AddWithValue("$id", id);
            command.ExecuteNonQuery();
            _batches[id] = batch;
            return id;
        }

        public long Count() => (long)Scalar("SELECT count(*) FROM rows")!;

        // Each transaction has its own Batch: the writes' batches tell how many transactions there were.
        public int DistinctTransactions() => _batches.Values.Distinct().Count();

        public long[] Ids()
        {
            using var connection = Connect();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id FROM rows ORDER BY id";
            using var reader = command.ExecuteReader();
            var ids = new List<long>();
            while (reader.Read())
            {
                ids.Add(reader.GetInt64(0));
            }

            return [.. ids];
        }

        private object? Scalar(string sql)
        {
            using var connection = Connect();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return command.ExecuteScalar();
        }

        private static void Execute(SqliteConnection connection, string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }
}
