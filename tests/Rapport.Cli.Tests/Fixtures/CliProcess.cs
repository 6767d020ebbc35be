using System.Diagnostics;

namespace Rapport.Cli.Tests.Fixtures;

/// <summary>Runs the built CLI as its own process (as a user or an agent does), with its own environment.</summary>
internal static class CliProcess
{
    /// <summary>Runs <c>rapport</c> with <paramref name="args"/>; <paramref name="environment"/> adds (or, with a null value, removes) variables.</summary>
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        using var process = Start(environment, args);
        return await FinishAsync(process);
    }

    /// <summary>Starts <c>rapport</c> with <paramref name="args"/> (standard input closed, output redirected), for a test that
    /// kills it part-way (<see cref="Process.Kill()"/> sends SIGKILL); read its output with <see cref="FinishAsync"/>.</summary>
    public static Process Start(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Rapport.Cli.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("RAPPORT_STORE");
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }

    /// <summary>Waits for a process from <see cref="Start"/> (killed or not) and returns what it printed.</summary>
    public static async Task<CliResult> FinishAsync(Process process)
    {
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }
}
