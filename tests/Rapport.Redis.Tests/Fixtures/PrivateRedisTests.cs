using System.Text;
using Rapport.Storage.Conformance;
using StackExchange.Redis;

namespace Rapport.Redis.Tests.Fixtures;

/// <summary>Base of the test classes whose tests stop, freeze or kill Redis: a private redis-server per class (in its own
/// folder), a store factory with its own key prefix and data folder, and a skip with the reason when redis-server is missing.</summary>
/// <param name="serverArguments">Extra redis-server arguments.</param>
public abstract class PrivateRedisTests(params string[] serverArguments) : IAsyncLifetime
{
    private RedisProcess? _server;

    /// <summary>Gets the folder of the server's files (its append-only file and log).</summary>
    protected string Folder { get; } = Directory.CreateTempSubdirectory("rapport-private-redis-").FullName;

    /// <summary>Gets the factory of store instances on the server.</summary>
    protected TestStoreFactory Stores { get; } = new();

    /// <summary>Gets the server; skips the test when redis-server is missing.</summary>
    protected RedisProcess Server
    {
        get
        {
            if (RedisProcess.MissingReason is { } reason)
            {
                Assert.Skip(reason);
            }

            return _server!;
        }
    }

    /// <summary>Returns "key: secret" for every key on the server whose name or serialized value (DUMP) holds a secret.</summary>
    /// <remarks>Start the server with <c>--rdbcompression no</c>, so that DUMP output shows every string.</remarks>
    protected async Task<List<string>> RedisResidueAsync(params string[] secrets)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(Server.Endpoint);
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var found = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: "*"))
        {
            var bytes = await connection.GetDatabase().KeyDumpAsync(key) ?? [];
            foreach (var secret in secrets)
            {
                if (key.ToString().Contains(secret, StringComparison.Ordinal) || bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) >= 0)
                {
                    found.Add($"{key}: {secret}");
                }
            }
        }

        return found;
    }

    /// <summary>Rewrites the server's append-only file (what an operator does to drop deleted data from it), then returns the
    /// secrets found in any of the server's files but its log.</summary>
    protected async Task<List<string>> AofResidueAfterRewriteAsync(params string[] secrets)
    {
        await Server.CliAsync("bgrewriteaof");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!(await Server.CliAsync("info", "persistence")).Contains("aof_rewrite_in_progress:0", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await Task.Delay(200);
        return [.. ResidueScan.Find(Folder, secrets).Where(f => !f.StartsWith("redis.log", StringComparison.Ordinal))];
    }

    public async ValueTask InitializeAsync()
    {
        if (RedisProcess.MissingReason is null)
        {
            _server = await RedisProcess.StartAsync(Folder, serverArguments);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            // A test that failed while the server was frozen must not leave it stopped for the kill.
            await _server.ThawAsync();
            await _server.DisposeAsync();
        }

        Stores.Dispose();
        Directory.Delete(Folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
