using System.Diagnostics;

namespace Rapport.Server.Tests.Fixtures;

/// <summary>A real <c>rapport serve</c> process (<c>dotnet Rapport.Cli.dll serve</c>) on a loopback port the kernel picks when it binds
/// (port 0, read back from its "rapport serving" line), with its own data folder, that a test can kill (SIGKILL) or stop (SIGTERM).</summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task<string> _errors;
    private readonly Task<string> _output;

    private ServeProcess(Process process, string home, Uri address, string? firstAdminKey)
    {
        _process = process;
        _output = process.StandardOutput.ReadToEndAsync();
        Home = home;
        Address = address;
        FirstAdminKey = firstAdminKey;
        _errors = process.StandardError.ReadToEndAsync();
    }

    public string Home { get; }

    public Uri Address { get; }

    public string? FirstAdminKey { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the server and waits until it listens and <c>/readyz</c> answers.</summary>
    public static async Task<ServeProcess> StartAsync(string store, CancellationToken cancellationToken)
    {
        var home = Directory.CreateTempSubdirectory("rapport-serve-").FullName;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Rapport.Cli.dll"), "serve", "--urls", "http://127.0.0.1:0", "--home", home, "--store", store })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["RAPPORT_EMBEDDER"] = "hashing";
        start.Environment.Remove("RAPPORT_STORE");
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        var process = Process.Start(start)!;
        string? key = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.TrimStart().StartsWith("rk_", StringComparison.Ordinal))
            {
                key = line.Trim();
            }

            // A port chosen here and bound later by the child could be taken in between (by another test's server or an outgoing
            // connection); the kernel's choice at bind time cannot, and the server prints it.
            if (line.StartsWith("rapport serving", StringComparison.Ordinal))
            {
                var served = System.Text.RegularExpressions.Regex.Match(line, @"^rapport serving (http://127\.0\.0\.1:[1-9][0-9]*)[,; ]");
                return served.Success
                    ? new ServeProcess(process, home, new Uri(served.Groups[1].Value + "/"), key)
                    : throw new InvalidOperationException($"rapport serve did not say which port it bound: {line}");
            }
        }

        throw new InvalidOperationException($"rapport serve exited before listening: {await process.StandardError.ReadToEndAsync(cancellationToken)}");
    }

    /// <summary>Kills the process at once (SIGKILL): no draining, no flushing.</summary>
    public void Kill() => _process.Kill();

    /// <summary>Asks the process to stop (SIGTERM), as a service manager does.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Waits for the process to exit; returns its exit code, its log (stdout after it listened) and its stderr.</summary>
    public async Task<(int ExitCode, string Log, string Errors)> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return (_process.ExitCode, await _output, await _errors);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
