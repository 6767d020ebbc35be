using System.Diagnostics;
using System.Text.Json;
using Rapport.Redis.Tests.Fixtures;

namespace Rapport.Redis.Tests;

/// <summary>The rapport command on Redis: separate processes selecting the store with --store and RAPPORT_STORE.</summary>
public sealed class RedisCliTests(RedisServerFixture server) : IClassFixture<RedisServerFixture>, IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("rapport-cli-redis-").FullName;

    [Fact]
    public async Task Cli_RedisStore_RememberInOneProcessRecallAndForgetInOthers()
    {
        server.SkipIfUnavailable();
        var store = $"redis:{server.Configuration}";
        var id = (await Run(null, "remember", "--store", store, "--user", "ana", "--situation", "I feel anxious about my exam", "--kind", "breathing", "--text", "Breathe in for four.")).Trim();

        var recall = JsonDocument.Parse(await Run(store, "recall", "--user", "ana", "--query", "anxious about my exam", "--json")).RootElement;
        Assert.Equal(id, recall.EnumerateArray().Single().GetProperty("id").GetString());

        await Run(store, "forget", "--user", "ana", "--yes");

        Assert.Equal(0, JsonDocument.Parse(await Run(store, "stats", "--json")).RootElement.GetProperty("interventions").GetInt64());
    }

    private async Task<string> Run(string? storeVariable, params string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "Rapport.Cli.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(cli);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["RAPPORT_HOME"] = _home;
        if (storeVariable is null)
        {
            start.Environment.Remove("RAPPORT_STORE");
        }
        else
        {
            start.Environment["RAPPORT_STORE"] = storeVariable;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await error}");
        return await output;
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
