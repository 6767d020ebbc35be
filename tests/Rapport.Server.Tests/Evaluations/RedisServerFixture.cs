using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Rapport.Server.Tests.Evaluations;

/// <summary>A private redis-server on a free loopback port for a test class, or a reason to skip when the binary is missing.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private Process? _process;

    /// <summary>Gets <c>127.0.0.1:port</c>, or <see langword="null"/> when redis-server is not installed.</summary>
    public string? Endpoint { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);
        if (binary is null)
        {
            return;
        }

        // The port is chosen here and bound later by redis-server: when another process took it in between, start on another.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            _process = Process.Start(new ProcessStartInfo(binary, ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            {
                RedirectStandardOutput = true,
            })!;
            if (await AnswersAsync(port, _process))
            {
                Endpoint = $"127.0.0.1:{port}";
                return;
            }

            await DisposeAsync();
            if (attempt == 5)
            {
                throw new InvalidOperationException($"redis-server did not answer on port {port} within 20 s, or another server held the port.");
            }
        }
    }

    // Whether this process (not another test's server that got the port first) answers on the port within 20 s.
    private static async Task<bool> AnswersAsync(int port, Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                await using var probe = await ConnectionMultiplexer.ConnectAsync(
                    new ConfigurationOptions { EndPoints = { $"127.0.0.1:{port}" }, AbortOnConnectFail = true, ConnectTimeout = 2000, AllowAdmin = true });
                var pid = (await probe.GetServer($"127.0.0.1:{port}").InfoAsync("server")).SelectMany(g => g).FirstOrDefault(p => p.Key == "process_id").Value;
                return pid == process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (RedisConnectionException)
            {
                await Task.Delay(100);
            }
        }

        return false;
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        _process = null;
        return ValueTask.CompletedTask;
    }
}
