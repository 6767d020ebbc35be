using System.Diagnostics;
using System.Text.Json;

namespace Rapport.Server.Tests;

/// <summary>Clients no one here wrote: curl, and the standard-library Python example in samples/python, against a real server.</summary>
public sealed class ClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Curl_runs_a_whole_turn_gets_problem_details_401_and_idempotent_replays()
    {
        if (!OnPath("curl"))
        {
            Assert.Skip("curl is not installed");
        }

        await using var server = await ServerFixture.StartAsync();
        var url = server.BaseAddress.ToString().TrimEnd('/');
        var auth = $"Authorization: Bearer {server.AdminKey}";
        string[] json = ["-H", "Content-Type: application/json"];

        var turn = JsonDocument.Parse(await Curl(["-sS", "-X", "POST", $"{url}/v1/turns", "-H", auth, .. json, "-d", """{"userId":"cu","sessionId":"s","situation":"I am overwhelmed"}"""])).RootElement;
        var turnId = turn.GetProperty("turnId").GetString();
        var complete = $$"""{"response":"That is a lot. Shall we pick one thing?","kind":"small-step"}""";
        string[] completeArgs = ["-sS", "-i", "-X", "POST", $"{url}/v1/turns/{turnId}/complete", "-H", auth, "-H", "Idempotency-Key: c-1", .. json, "-d", complete];
        var first = await Curl(completeArgs);
        var retry = await Curl(completeArgs);
        Assert.Contains("HTTP/1.1 200", first, StringComparison.Ordinal);
        Assert.Contains("Idempotent-Replayed: true", retry, StringComparison.OrdinalIgnoreCase);
        var id = JsonDocument.Parse(first[first.IndexOf('{', StringComparison.Ordinal)..]).RootElement.GetProperty("intervention").GetProperty("id").GetString();
        Assert.Equal(id, JsonDocument.Parse(retry[retry.IndexOf('{', StringComparison.Ordinal)..]).RootElement.GetProperty("intervention").GetProperty("id").GetString());

        var outcome = JsonDocument.Parse(await Curl(["-sS", "-X", "POST", $"{url}/v1/interventions/{id}/outcome", "-H", auth, .. json, "-d", """{"outcome":"helped"}"""])).RootElement;
        Assert.Equal("helped", outcome.GetProperty("outcome").GetString());
        var ended = JsonDocument.Parse(await Curl(["-sS", "-X", "POST", $"{url}/v1/sessions/s/end", "-H", auth, .. json, "-d", """{"userId":"cu"}"""])).RootElement;
        Assert.Equal(1, ended.GetProperty("reflection").GetProperty("interventionCount").GetInt32());

        var unauthorized = await Curl(["-sS", "-i", $"{url}/v1/stats"]);
        Assert.Contains("HTTP/1.1 401", unauthorized, StringComparison.Ordinal);
        Assert.Contains("application/problem+json", unauthorized, StringComparison.Ordinal);
        var bad = await Curl(["-sS", "-i", "-X", "POST", $"{url}/v1/turns", "-H", auth, .. json, "-d", """{"userId":"no spaces allowed","situation":"x"}"""]);
        Assert.Contains("HTTP/1.1 400", bad, StringComparison.Ordinal);
        Assert.Contains(Rapport.Memory.MemoryIds.Accepted, bad, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_python_standard_library_example_runs_a_whole_turn()
    {
        if (!OnPath("python3"))
        {
            Assert.Skip("python3 is not installed");
        }

        await using var server = await ServerFixture.StartAsync();
        var script = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../samples/python/rapport_client.py"));
        var start = new ProcessStartInfo("python3", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["RAPPORT_URL"] = server.BaseAddress.ToString();
        start.Environment["RAPPORT_KEY"] = server.AdminKey;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(Ct);
        var error = await process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, output + error);
        var stats = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal(1, stats.GetProperty("interventions").GetInt64());
        Assert.Equal(1, stats.GetProperty("helped").GetInt64());
        Assert.Equal(1, stats.GetProperty("reflections").GetInt64());
    }

    private static async Task<string> Curl(string[] args)
    {
        var start = new ProcessStartInfo("curl", args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return output;
    }

    private static bool OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, name)));
}
