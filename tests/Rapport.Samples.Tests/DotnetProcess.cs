using System.Diagnostics;

namespace Rapport.Samples.Tests;

/// <summary>Runs the dotnet command in a folder and returns its exit code and output, or fails the test after a deadline.</summary>
internal static class DotnetProcess
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
    }

    public static Task<Result> RunAsync(string workingDirectory, TimeSpan deadline, params string[] arguments) =>
        RunProgramAsync("dotnet", workingDirectory, deadline, environment: null, arguments);

    /// <summary>Runs <paramref name="program"/> (dotnet, or an installed tool) with these variables set on top of the cleaned environment.</summary>
    public static async Task<Result> RunProgramAsync(
        string program, string workingDirectory, TimeSpan deadline, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // The example runs as a user would run it: none of this machine's Rapport settings.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("RAPPORT_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', arguments)} did not finish within {deadline.TotalMinutes:0.#} min in {workingDirectory}");
        }

        return new Result(process.ExitCode, await output, await error);
    }
}
