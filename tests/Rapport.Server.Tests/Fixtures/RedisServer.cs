using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Rapport.Server.Tests.Fixtures;

/// <summary>A private redis-server on a free loopback port (no persistence), shared by a test class; skips when it is not installed.</summary>
public sealed class RedisServer : IAsyncLifetime
{
    private Process? _process;

    /// <summary>Gets why Redis tests cannot run here, or null.</summary>
    public static string? MissingReason { get; } =
        File.Exists("/usr/bin/redis-server") || File.Exists("/usr/local/bin/redis-server") ? null : "redis-server is not installed";

    public int Port { get; } = FreePort();

    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>Gets the server's store location for <c>--store</c>.</summary>
    public string Store => "redis:" + Endpoint;

    public async ValueTask InitializeAsync()
    {
        if (MissingReason is not null)
        {
            return;
        }

        _process = Process.Start(new ProcessStartInfo("redis-server", ["--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
        })!;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                await using var probe = await ConnectAsync();
                await probe.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Skips the calling test when redis-server is missing.</summary>
    public void SkipIfMissing()
    {
        if (MissingReason is not null)
        {
            Assert.Skip(MissingReason);
        }
    }

    public Task<ConnectionMultiplexer> ConnectAsync() =>
        ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions { EndPoints = { Endpoint }, AbortOnConnectFail = true, ConnectTimeout = 2000 });

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
