using System.Diagnostics;
using System.Text.Json;

namespace Rapport.Cli.Tests;

/// <summary>The CLI as a user runs it: a separate process per command, configured only by RAPPORT_HOME.</summary>
public sealed class ProcessRoundTripTests : IDisposable
{
    private readonly string _home = Path.Combine(Directory.CreateTempSubdirectory("rapport-proc-").FullName, "fresh-home");

    [Fact]
    public async Task FreshHome_RememberRecallForget_WorksAcrossProcesses()
    {
        Assert.False(Directory.Exists(_home));
        await Run(0, "remember", "--user", "ana", "--situation", "I feel anxious about my exam tomorrow", "--kind", "breathing", "--text", "Breathe in for four.");
        await Run(0, "remember", "--user", "ana", "--situation", "My flatmate keeps ignoring me", "--kind", "reframe", "--text", "What else could it mean?");
        await Run(0, "remember", "--user", "ana", "--situation", "Exam nerves again tonight", "--kind", "break", "--text", "Step away for five minutes.");
        var ben = (await Run(0, "remember", "--user", "ben", "--situation", "I feel anxious about my exam tomorrow", "--kind", "breathing", "--text", "Breathe with me.")).Trim();

        var recall = JsonDocument.Parse(await Run(0, "recall", "--user", "ana", "--query", "anxious about my exam", "--json")).RootElement;

        Assert.Equal(3, recall.GetArrayLength());
        Assert.All(recall.EnumerateArray(), r => Assert.Equal("ana", r.GetProperty("userId").GetString()));
        Assert.Equal("I feel anxious about my exam tomorrow", recall[0].GetProperty("situation").GetString());
        Assert.True(File.Exists(Path.Combine(_home, "rapport.db")));

        await Run(0, "forget", "--user", "ana", "--yes");

        var left = JsonDocument.Parse(await Run(0, "recall", "--user", "ben", "--query", "exam", "--json")).RootElement;
        Assert.Equal(ben, left.EnumerateArray().Single().GetProperty("id").GetString());
        Assert.Equal(1, JsonDocument.Parse(await Run(0, "stats", "--json")).RootElement.GetProperty("interventions").GetInt64());
    }

    private async Task<string> Run(int expectedExit, params string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "Rapport.Cli.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(cli);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["RAPPORT_HOME"] = _home;
        start.Environment.Remove("RAPPORT_STORE");
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(expectedExit == process.ExitCode, $"exit {process.ExitCode}: {await error}");
        return await output;
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_home)!, recursive: true);
}
