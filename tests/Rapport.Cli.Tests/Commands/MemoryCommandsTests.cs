using System.Text.Json;

namespace Rapport.Cli.Tests.Commands;

public sealed class MemoryCommandsTests : IDisposable
{
    private readonly CliRun _cli = new();

    [Fact]
    public async Task RememberRecallForget_TwoUsers_IsolatedAndOrdered()
    {
        await Remember("ana", "I feel anxious about my exam tomorrow", "breathing");
        await Remember("ana", "My boss yelled at me in the meeting", "reframe");
        await Remember("ana", "I cannot sleep before the exam", "break");
        var ben = await Remember("ben", "I feel anxious about my exam tomorrow", "breathing");

        var recall = await _cli.RunAsync("recall", "--user", "ana", "--query", "anxious about the exam", "--json");

        Assert.Equal(0, recall.ExitCode);
        var hits = JsonDocument.Parse(recall.Output).RootElement.EnumerateArray().ToList();
        Assert.Equal(3, hits.Count);
        Assert.All(hits, h => Assert.Equal("ana", h.GetProperty("userId").GetString()));
        var similarities = hits.Select(h => h.GetProperty("similarity").GetDouble()).ToList();
        Assert.Equal(similarities.OrderDescending(), similarities);
        Assert.Equal("I feel anxious about my exam tomorrow", hits[0].GetProperty("situation").GetString());
        foreach (var field in (string[])["id", "kind", "text", "outcome", "quality"])
        {
            Assert.True(hits[0].TryGetProperty(field, out _), $"missing {field}");
        }

        var forget = await _cli.RunAsync("forget", "--user", "ana", "--yes");
        Assert.Equal(0, forget.ExitCode);
        Assert.Contains("3 records removed", forget.Output, StringComparison.Ordinal);

        var after = await _cli.RunAsync("recall", "--user", "ben", "--query", "exam", "--json");
        var left = JsonDocument.Parse(after.Output).RootElement.EnumerateArray().Single();
        Assert.Equal(ben, left.GetProperty("id").GetString());
        Assert.Empty(JsonDocument.Parse((await _cli.RunAsync("recall", "--user", "ana", "--query", "exam", "--json")).Output).RootElement.EnumerateArray());
    }

    [Fact]
    public async Task Remember_Json_PrintsStoredRecord()
    {
        var result = await _cli.RunAsync(
            "remember", "--user", "ana", "--situation", "Tense before my talk", "--kind", "breathing", "--text", "Breathe with me.",
            "--session", "s-1", "--tool", "start_breathing_exercise", "--outcome", "helped", "--rating", "4", "--json");

        Assert.Equal(0, result.ExitCode);
        var record = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal("helped", record.GetProperty("outcome").GetString());
        Assert.Equal(4, record.GetProperty("rating").GetInt32());
        Assert.Equal("s-1", record.GetProperty("sessionId").GetString());
        Assert.Equal("start_breathing_exercise", record.GetProperty("tool").GetString());
        Assert.Equal(384, record.GetProperty("embeddingDimensions").GetInt32());
    }

    [Fact]
    public async Task Outcome_Existing_UpdatesAndRecallFiltersOnIt()
    {
        var id = await Remember("ana", "Tense before my talk", "breathing");
        await Remember("ana", "Tense before my presentation", "break");

        var result = await _cli.RunAsync("outcome", "--id", id, "--outcome", "not-helped", "--rating", "2");
        var filtered = await _cli.RunAsync("recall", "--user", "ana", "--query", "tense", "--outcome", "not-helped", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("not-helped rating 2", result.Output, StringComparison.Ordinal);
        Assert.Equal(id, JsonDocument.Parse(filtered.Output).RootElement.EnumerateArray().Single().GetProperty("id").GetString());
    }

    [Fact]
    public async Task Outcome_UnknownId_FailsWithReason()
    {
        var missing = await _cli.RunAsync("outcome", "--id", "0123456789abcdef", "--outcome", "helped");
        Assert.Equal(3, missing.ExitCode);
        Assert.Contains("no store at", missing.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_cli.Home, "rapport.db")));
        await Remember("ana", "one", "breathing");

        var result = await _cli.RunAsync("outcome", "--id", "0123456789abcdef", "--outcome", "helped");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("No intervention with id", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_CountsPerUser()
    {
        await Remember("ana", "one", "breathing");
        await Remember("ana", "two", "break");
        await Remember("ben", "three", "break");

        var all = JsonDocument.Parse((await _cli.RunAsync("stats", "--json")).Output).RootElement;
        var ana = JsonDocument.Parse((await _cli.RunAsync("stats", "--user", "ana", "--json")).Output).RootElement;

        Assert.Equal(3, all.GetProperty("interventions").GetInt64());
        Assert.Equal(2, all.GetProperty("users").GetInt64());
        Assert.Equal(2, ana.GetProperty("interventions").GetInt64());
    }

    [Fact]
    public async Task Forget_NotOnTerminalWithoutYes_RefusesAndKeepsData()
    {
        await Remember("ana", "one", "breathing");

        var result = await _cli.RunAsync("forget", "--user", "ana");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--yes", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, JsonDocument.Parse((await _cli.RunAsync("stats", "--json")).Output).RootElement.GetProperty("interventions").GetInt64());
    }

    private async Task<string> Remember(string user, string situation, string kind)
    {
        var result = await _cli.RunAsync("remember", "--user", user, "--situation", situation, "--kind", kind, "--text", "Let's try this together.");
        Assert.Equal(0, result.ExitCode);
        return result.Output.Trim();
    }

    public void Dispose() => _cli.Dispose();
}
