using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

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

        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        _process = Process.Start(new ProcessStartInfo(binary, ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
        });
        for (var i = 0; i < 50; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                Endpoint = $"127.0.0.1:{port}";
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException($"redis-server did not listen on port {port} within 5 s.");
    }

    public ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        return ValueTask.CompletedTask;
    }
}
