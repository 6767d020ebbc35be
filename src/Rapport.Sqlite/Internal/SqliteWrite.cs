using Microsoft.Data.Sqlite;

namespace Rapport.Sqlite.Internal;

/// <summary>A write transaction opened with <c>BEGIN IMMEDIATE</c> by SQL, rolled back on dispose unless committed.</summary>
/// <remarks>
/// Not <see cref="SqliteConnection.BeginTransaction(bool)"/>: each <see cref="SqliteTransaction"/> registers a rollback hook,
/// whose native callback handle (<c>SQLitePCL.hook_handle</c>) has a finalizer; the demo finalized 2.4 of them per recorded
/// intervention, about a tenth of its busy CPU on the finalizer thread (issue 17). The same statements by SQL need none.
/// Commands of the transaction are created without <see cref="SqliteCommand.Transaction"/>, which Microsoft.Data.Sqlite
/// allows when it did not start the transaction itself.
/// </remarks>
internal sealed class SqliteWrite : IDisposable
{
    private readonly SqliteConnection _connection;
    private bool _done;

    private SqliteWrite(SqliteConnection connection)
    {
        _connection = connection;
    }

    /// <summary>Begins an immediate (write-locking) transaction on <paramref name="connection"/>.</summary>
    public static SqliteWrite Begin(SqliteConnection connection)
    {
        Execute(connection, "BEGIN IMMEDIATE;");
        return new SqliteWrite(connection);
    }

    /// <summary>Commits the transaction.</summary>
    public void Commit()
    {
        Execute(_connection, "COMMIT;");
        _done = true;
    }

    /// <summary>Rolls back unless committed; a transaction SQLite already rolled back (after some errors) is left as it is.</summary>
    public void Dispose()
    {
        if (_done)
        {
            return;
        }

        _done = true;
        if (!_connection.Handle!.IsInvalid && SQLitePCL.raw.sqlite3_get_autocommit(_connection.Handle) == 0)
        {
            Execute(_connection, "ROLLBACK;");
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = SqliteValues.Command(connection, sql);
        command.ExecuteNonQuery();
    }
}
