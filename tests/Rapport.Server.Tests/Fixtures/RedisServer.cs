using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Rapport.Server.Tests.Fixtures;

/// <summary>A private redis-server on a free loopback port with its own folder (append-only file, so a stop and start keeps the data),
/// shared by a test class; skips when it is not installed.</summary>
public sealed class RedisServer : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-redis-").FullName;
    private Process? _process;

    /// <summary>Gets why Redis tests cannot run here, or null.</summary>
    public static string? MissingReason { get; } =
        File.Exists("/usr/bin/redis-server") || File.Exists("/usr/local/bin/redis-server") ? null : "redis-server is not installed";

    public int Port { get; private set; } = FreePort();

    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>Gets the server's store location for <c>--store</c>.</summary>
    public string Store => "redis:" + Endpoint;

    public async ValueTask InitializeAsync()
    {
        if (MissingReason is not null)
        {
            return;
        }

        // The port is chosen here and bound later by redis-server: when another process took it in between, start on another.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartAsync();
                return;
            }
            catch (InvalidOperationException) when (attempt < 5)
            {
                if (_process is { HasExited: false })
                {
                    _process.Kill();
                    await _process.WaitForExitAsync();
                }

                Port = FreePort();
            }
        }
    }

    /// <summary>Starts redis-server (again, after <see cref="StopAsync"/>) on the same port and folder.</summary>
    /// <exception cref="InvalidOperationException">Another process holds the port.</exception>
    public async Task StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo(
            "redis-server", ["--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", _folder, "--save", "", "--appendonly", "yes", "--appendfsync", "always"])
        {
            RedirectStandardOutput = true,
        })!;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                await using var probe = await ConnectAsync();
                // The server that answers must be this one, not another test's that got the port first (ours then fails to bind).
                var pid = (await probe.GetServer(Endpoint).InfoAsync("server")).SelectMany(g => g).FirstOrDefault(p => p.Key == "process_id").Value;
                if (pid == _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    return;
                }

                throw new InvalidOperationException($"port {Port} is held by another redis-server (process {pid}).");
            }
            catch (RedisConnectionException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(50);
            }
            catch (RedisConnectionException) when (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with {_process.ExitCode} (port {Port} taken?).");
            }
        }
    }

    /// <summary>Stops redis-server cleanly (SIGTERM: it writes its append-only file and exits).</summary>
    public async Task StopAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process!.Id.ToString()])!;
        await kill.WaitForExitAsync();
        await _process.WaitForExitAsync();
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
        ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions { EndPoints = { Endpoint }, AbortOnConnectFail = true, ConnectTimeout = 2000, AllowAdmin = true });

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
