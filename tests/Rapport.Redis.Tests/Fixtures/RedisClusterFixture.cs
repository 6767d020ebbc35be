namespace Rapport.Redis.Tests.Fixtures;

/// <summary>A private 3-master Redis Cluster (no replicas) on loopback ports, shared by a test class.</summary>
public sealed class RedisClusterFixture : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-cluster-").FullName;
    private readonly List<RedisProcess> _nodes = [];

    /// <summary>Gets the StackExchange.Redis configuration naming every node.</summary>
    public string Configuration => string.Join(",", _nodes.Select(n => n.Endpoint));

    public async ValueTask InitializeAsync()
    {
        if (RedisProcess.MissingReason is not null)
        {
            return;
        }

        for (var i = 0; i < 3; i++)
        {
            _nodes.Add(await RedisProcess.StartAsync(
                Path.Combine(_folder, $"node{i}"), "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "5000"));
        }

        var output = await RedisProcess.RunAsync(
            "redis-cli", ["--cluster", "create", .. _nodes.Select(n => n.Endpoint), "--cluster-replicas", "0", "--cluster-yes"]);
        if (!output.Contains("All 16384 slots covered", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"redis-cli --cluster create failed: {output}");
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await AllOkAsync())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The cluster did not reach cluster_state:ok.");
            }

            await Task.Delay(100);
        }
    }

    public void SkipIfUnavailable()
    {
        if (RedisProcess.MissingReason is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private async Task<bool> AllOkAsync()
    {
        foreach (var node in _nodes)
        {
            if (!(await node.CliAsync("cluster", "info")).Contains("cluster_state:ok", StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
