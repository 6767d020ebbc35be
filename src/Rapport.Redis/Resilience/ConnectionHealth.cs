using StackExchange.Redis;

namespace Rapport.Redis.Resilience;

/// <summary>Remembers why the connection last failed, so that an outage is named (refused, authentication) rather than "not connected".</summary>
/// <remarks>Thread-safe. Subscribes to the connection's events until disposed.</remarks>
internal sealed class ConnectionHealth : IDisposable
{
    private readonly IConnectionMultiplexer _connection;
    private string? _lastFailure;

    public ConnectionHealth(IConnectionMultiplexer connection)
    {
        _connection = connection;
        _connection.ConnectionFailed += OnFailed;
    }

    /// <summary>Gets the first endpoint as <c>host:port</c>.</summary>
    public string Endpoint => Internal.RedisEndpoints.Describe(_connection.GetEndPoints().FirstOrDefault());

    /// <summary>Gets whether the connection is up.</summary>
    public bool IsConnected => _connection.IsConnected;

    /// <summary>Gets why calls cannot reach Redis now, for logs and messages: "not connected", with the last failure when known.</summary>
    public string NotConnectedReason => Volatile.Read(ref _lastFailure) is { } failure ? $"not connected: {failure}" : "not connected";

    /// <inheritdoc />
    public void Dispose() => _connection.ConnectionFailed -= OnFailed;

    private void OnFailed(object? sender, ConnectionFailedEventArgs e) =>
        Volatile.Write(ref _lastFailure, e.FailureType switch
        {
            ConnectionFailureType.AuthenticationFailure => "authentication failed (check the password in the configuration)",
            ConnectionFailureType.UnableToResolvePhysicalConnection or ConnectionFailureType.UnableToConnect => "connection refused or host unreachable",
            ConnectionFailureType.SocketFailure or ConnectionFailureType.SocketClosed => "connection lost",
            _ => e.FailureType.ToString(),
        });
}
