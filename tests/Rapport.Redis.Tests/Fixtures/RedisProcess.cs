using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Rapport.Redis.Tests.Fixtures;

/// <summary>One private redis-server on a loopback port, with its own folder (append-only file, fsync always).</summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private readonly string[] _extraArguments;
    private Process? _process;

    private RedisProcess(int port, string folder, string[] extraArguments)
    {
        Port = port;
        Folder = folder;
        _extraArguments = extraArguments;
    }

    public int Port { get; }

    public string Folder { get; }

    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>Gets why Redis tests cannot run here, or null when redis-server and redis-cli are on the PATH.</summary>
    public static string? MissingReason { get; } =
        Which("redis-server") is null || Which("redis-cli") is null
            ? "redis-server/redis-cli not found on PATH (Debian package redis-server; ./test.sh installs it when run as root)"
            : null;

    /// <summary>Starts a server on a free port; when the port is taken before redis-server binds it (the port is chosen here, then
    /// bound by the child: another test's server or an outgoing connection can take it in between), on another.</summary>
    public static async Task<RedisProcess> StartAsync(string folder, params string[] extraArguments)
    {
        Directory.CreateDirectory(folder);
        for (var attempt = 1; ; attempt++)
        {
            var server = new RedisProcess(FreePort(), folder, extraArguments);
            try
            {
                await server.StartAgainAsync();
                return server;
            }
            catch (PortTakenException) when (attempt < 5)
            {
                await server.DisposeAsync();
            }
        }
    }

    /// <summary>Starts the server (again, after <see cref="StopAsync"/>) on the same port and folder.</summary>
    /// <exception cref="PortTakenException">Another process holds the port.</exception>
    public async Task StartAgainAsync()
    {
        string[] arguments =
        [
            "--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", Folder, "--save", "", "--appendonly", "yes",
            "--appendfsync", "always", "--protected-mode", "no", "--daemonize", "no", "--logfile", "redis.log", .. _extraArguments,
        ];
        var start = new ProcessStartInfo("redis-server") { UseShellExecute = false, WorkingDirectory = Folder };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if ((await CliAsync("ping")).Trim() == "PONG")
            {
                // The server that answers must be this one, not another test's that got the port first (ours then fails to bind).
                var info = await CliAsync("info", "server");
                if (info.Contains($"process_id:{_process.Id}\r", StringComparison.Ordinal) || info.Contains($"process_id:{_process.Id}\n", StringComparison.Ordinal))
                {
                    return;
                }

                if (System.Text.RegularExpressions.Regex.IsMatch(info, @"process_id:\d+"))
                {
                    throw new PortTakenException($"port {Port} is held by another redis-server: {info.Trim()}");
                }
            }

            if (_process.HasExited)
            {
                var log = ReadLog();
                throw log.Contains("Address already in use", StringComparison.Ordinal)
                    ? new PortTakenException($"port {Port} is taken: {log}")
                    : new InvalidOperationException($"redis-server exited with {_process.ExitCode}: {log}");
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"redis-server on port {Port} did not answer PING: {ReadLog()}");
    }

    /// <summary>Stops the server cleanly (SHUTDOWN, which flushes the append-only file).</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        await CliAsync("shutdown");
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
    }

    /// <summary>Kills the server with SIGKILL, as a crash or the OOM killer would: no shutdown, the append-only file as it was.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }
    }

    /// <summary>Freezes the server (SIGSTOP): connections stay open but nothing answers, as in a hung host.</summary>
    public Task FreezeAsync() => RunAsync("kill", ["-STOP", _process!.Id.ToString()]);

    /// <summary>Resumes a frozen server (SIGCONT).</summary>
    public Task ThawAsync() => _process is { HasExited: false } ? RunAsync("kill", ["-CONT", _process.Id.ToString()]) : Task.CompletedTask;

    /// <summary>Runs redis-cli against this server and returns its output.</summary>
    public Task<string> CliAsync(params string[] arguments) => RunAsync("redis-cli", ["-h", "127.0.0.1", "-p", Port.ToString(), .. arguments]);

    public static async Task<string> RunAsync(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return await output + await error;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    /// <summary>The port was taken by another process before redis-server could bind it.</summary>
    public sealed class PortTakenException(string message) : Exception(message);

    private string ReadLog()
    {
        var log = Path.Combine(Folder, "redis.log");
        return File.Exists(log) ? File.ReadAllText(log) : "(no log)";
    }

    // Cluster nodes also listen on port + 10000 (the cluster bus), so stay below 55535.
    private static int FreePort()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (port < 55_000 && IsFree(port + 10_000))
            {
                return port;
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
}
