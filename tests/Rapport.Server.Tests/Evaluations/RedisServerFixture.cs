using Rapport.Server.Tests.Fixtures;

namespace Rapport.Server.Tests.Evaluations;

/// <summary>A private redis-server on a free loopback port for a test class (<see cref="RedisServer"/>), or a reason to skip
/// when the binary is missing.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private RedisServer? _server;

    /// <summary>Gets <c>127.0.0.1:port</c>, or <see langword="null"/> when redis-server is not installed.</summary>
    public string? Endpoint => _server?.Endpoint;

    public async ValueTask InitializeAsync()
    {
        if (RedisServer.MissingReason is not null)
        {
            return;
        }

        var server = new RedisServer();
        await server.InitializeAsync();
        _server = server;
    }

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;
}
