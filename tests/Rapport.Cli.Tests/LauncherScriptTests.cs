using System.Diagnostics;

namespace Rapport.Cli.Tests;

/// <summary>The <c>./rapport</c> script at the root of the checkout: it builds only when a source file changed.</summary>
public sealed class LauncherScriptTests
{
    [Fact]
    public async Task AfterABuild_Version_DoesNotRebuild_EvenWithNewerGeneratedFilesUnderObj()
    {
        var root = FindCheckout();
        Assert.SkipWhen(root is null, "not run from a checkout with the ./rapport script");
        Assert.SkipWhen(OperatingSystem.IsWindows(), "./rapport is a bash script");
        var script = Path.Combine(root!, "rapport");
        var dll = Path.Combine(root!, "src", "Rapport.Cli", "bin", "Release", "net10.0", "Rapport.Cli.dll");

        // The first call may build (a source file may be newer than the last build); the second must not.
        Assert.Equal(0, (await Run(script, null)).ExitCode);
        var built = File.GetLastWriteTimeUtc(dll);

        // Tests, `dotnet run` and builds of other projects write generated .cs files under obj/ after the dll.
        var generated = Path.Combine(root!, "src", "Rapport.Cli", "obj", $"launcher-test-{Guid.NewGuid():N}.cs");
        await File.WriteAllTextAsync(generated, "// generated after the build");
        var log = Path.GetTempFileName();
        var shims = Directory.CreateTempSubdirectory("rapport-shim-").FullName;
        try
        {
            File.SetLastWriteTimeUtc(generated, DateTime.UtcNow.AddMinutes(1));
            var shim = Path.Combine(shims, "dotnet");
            var real = FindOnPath("dotnet");
            await File.WriteAllTextAsync(shim, $"#!/usr/bin/env bash\necho \"$*\" >> '{log}'\nexec '{real}' \"$@\"\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var second = await Run(script, shims);

            Assert.Equal(0, second.ExitCode);
            Assert.Matches(@"\d+\.\d+", second.Output);
            var calls = await File.ReadAllLinesAsync(log);
            Assert.DoesNotContain(calls, c => c.StartsWith("build", StringComparison.Ordinal));
            Assert.Single(calls);
            Assert.Equal(built, File.GetLastWriteTimeUtc(dll));
        }
        finally
        {
            File.Delete(generated);
            File.Delete(log);
            Directory.Delete(shims, recursive: true);
        }
    }

    private static async Task<CliResult> Run(string script, string? pathFirst)
    {
        var start = new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--version");
        if (pathFirst is not null)
        {
            start.Environment["PATH"] = pathFirst + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CliResult(process.ExitCode, await output, await error);
    }

    private static string? FindCheckout()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "rapport")) && File.Exists(Path.Combine(dir.FullName, "Rapport.slnx")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static string FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, name)).First(File.Exists);
}
