using Microsoft.Data.Sqlite;

namespace Rapport.Sqlite.Internal;

/// <summary>An open connection that a store keeps between calls, with the statements it has prepared.</summary>
/// <remarks>
/// Microsoft.Data.Sqlite pools the physical connection, but a statement is prepared by the command that runs it and dies
/// with it (and with the wrapper's close), so every call parsed and planned its SQL again: a fifth of the demo's CPU time
/// in a steady seed (issue 17). A store takes one of these from its <see cref="ConnectionShelf"/>; disposing it puts it back
/// instead of closing it, and <see cref="SqliteValues.Command(SqliteConnection, string, SqliteTransaction?)"/> hands out the
/// command already prepared for the same SQL. One caller at a time; a connection with an open transaction is closed, not kept.
/// </remarks>
internal sealed class PreparedConnection(string connectionString, ConnectionShelf shelf) : SqliteConnection(connectionString)
{
    // Texts vary only with a list's length (IN (...) of n ids): a bound keeps such SQL from growing the cache without end.
    private const int MaxCommands = 96;
    private readonly Dictionary<string, ReusableCommand> _commands = new(StringComparer.Ordinal);
    private bool _closing;

    /// <summary>Returns the command for <paramref name="sql"/>, prepared already when it ran before, with no parameters.</summary>
    public SqliteCommand Command(string sql)
    {
        if (_commands.TryGetValue(sql, out var command))
        {
            command.Parameters.Clear();
            return command;
        }

        if (_commands.Count >= MaxCommands)
        {
            return new SqliteCommand(sql, this);
        }

        command = new ReusableCommand(sql, this);
        _commands.Add(sql, command);
        return command;
    }

    /// <summary>Closes the connection and its commands for good (the physical connection goes back to Microsoft.Data.Sqlite's pool).</summary>
    public void CloseForGood()
    {
        _closing = true;
        Dispose();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_closing && shelf.TryKeep(this))
        {
            return;
        }

        _closing = true;
        foreach (var command in _commands.Values)
        {
            command.Release();
        }

        _commands.Clear();
        base.Dispose(disposing);
    }

    /// <summary>A command whose disposal by its caller keeps its prepared statements for the next call.</summary>
    private sealed class ReusableCommand(string sql, SqliteConnection connection) : SqliteCommand(sql, connection)
    {
        private bool _released;

        public void Release()
        {
            _released = true;
            Dispose();
        }

        protected override void Dispose(bool disposing)
        {
            if (_released)
            {
                base.Dispose(disposing);
            }
        }
    }
}
