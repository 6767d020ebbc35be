using Rapport.Cli;
using Rapport.Cli.Output;

namespace Rapport.Cli.Tests;

/// <summary>Runs the CLI in process against a private data folder and captures what it prints.</summary>
internal sealed class CliRun : IDisposable
{
    public CliRun()
    {
        Home = Directory.CreateTempSubdirectory("rapport-cli-").FullName;
        // A chat model configured on this machine would turn `chat` and judges live: tests that want one set it.
        Environment["RAPPORT_CHAT_PROVIDER"] = "";
        Environment["RAPPORT_CHAT_MODEL"] = "";
    }

    public string Home { get; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Gets variables this run sees instead of the process's (an empty value reads as unset); others come from the process.</summary>
    public Dictionary<string, string> Environment { get; } = [];

    public Task<CliResult> RunAsync(params string[] args) => RunWithInputAsync("", args);

    public async Task<CliResult> RunWithInputAsync(string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(output, error, interactive: false, new StringReader(input));
        var code = await RapportCli.RunAsync([.. args, "--home", Home], console, Time,
            name => Environment.TryGetValue(name, out var value) ? value : System.Environment.GetEnvironmentVariable(name));
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Home, recursive: true);
    }
}

internal sealed record CliResult(int ExitCode, string Output, string Error);
