namespace Rapport.Redis.Tests.Fixtures;

/// <summary>A private single redis-server shared by a test class; tests isolate themselves with a key prefix.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-redis-").FullName;
    private RedisProcess? _server;

    public string Configuration => _server?.Endpoint ?? throw new InvalidOperationException("No server.");

    public async ValueTask InitializeAsync()
    {
        if (RedisProcess.MissingReason is null)
        {
            _server = await RedisProcess.StartAsync(_folder);
        }
    }

    /// <summary>Skips the calling test when redis-server is not installed.</summary>
    public void SkipIfUnavailable()
    {
        if (RedisProcess.MissingReason is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }
}
