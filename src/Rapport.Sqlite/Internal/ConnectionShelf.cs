using System.Collections.Concurrent;

namespace Rapport.Sqlite.Internal;

/// <summary>The open <see cref="PreparedConnection"/>s of one store that no call is using.</summary>
internal sealed class ConnectionShelf : IDisposable
{
    private readonly ConcurrentBag<PreparedConnection> _idle = [];
    private volatile bool _disposed;

    public bool TryTake(out PreparedConnection connection) => _idle.TryTake(out connection!);

    /// <summary>Keeps an open connection with no transaction in progress; returns false when it should be closed instead.</summary>
    /// <remarks>Its statements are reset: Microsoft.Data.Sqlite resets a statement when its reader is disposed or its
    /// execution ends (or fails), and every command of the store is disposed by the call that made it.</remarks>
    public bool TryKeep(PreparedConnection connection)
    {
        if (_disposed || connection.State != System.Data.ConnectionState.Open || connection.Handle is null or { IsInvalid: true }
            || SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0)
        {
            return false;
        }

        _idle.Add(connection);
        // The store was disposed meanwhile: close what was just kept.
        if (_disposed)
        {
            Dispose();
        }

        return true;
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var connection))
        {
            connection.CloseForGood();
        }
    }
}
