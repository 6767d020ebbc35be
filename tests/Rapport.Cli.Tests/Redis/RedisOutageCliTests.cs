using System.Diagnostics;
using System.Text.Json;
using Rapport.Redis.Tests.Fixtures;

namespace Rapport.Cli.Tests.Redis;

/// <summary>Commands on a Redis that is down say so in one line, with the right exit code, in bounded time (issue 18,
/// acceptance 5; issue 16, findings 6-7), and the next command after Redis returns applies the outbox first.</summary>
public sealed class RedisOutageCliTests : IAsyncLifetime
{
    // Opening waits at most 2 s for a first connection; a closing replay attempt is skipped while disconnected.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-cli-redis-").FullName;
    private readonly CliRun _cli = new();
    private RedisProcess? _server;

    public async ValueTask InitializeAsync()
    {
        if (RedisProcess.MissingReason is null)
        {
            _server = await RedisProcess.StartAsync(Path.Combine(_folder, "redis"));
        }
    }

    [Fact]
    public async Task RedisStopped_WritesQueueWithANotice_ReadsSayUnreachable_NextCommandReplaysFirst()
    {
        SkipWithoutRedis();
        var store = $"redis:{_server!.Endpoint}";
        var first = (await Run(0, "remember", "--user", "ana", "--situation", "exam nerves", "--kind", "breathing", "--text", "Breathe in.", "--store", store)).Output.Trim();
        await _server.StopAsync();

        var queued = await Run(0, "remember", "--user", "ana", "--situation", "exam nerves again", "--kind", "break", "--text", "Step away.", "--store", store);
        Assert.Matches("^[0-9a-f]{32}$", queued.Output.Trim());
        AssertOneLine(queued.Error, "unreachable", "1 write(s)", "outbox");

        var recall = await Run(1, "recall", "--user", "ana", "--query", "exam", "--store", store);
        Assert.Equal("", recall.Output);
        AssertOneLine(recall.Error, "unreachable", "nothing was read");
        Assert.DoesNotContain("No memories", recall.Error + recall.Output, StringComparison.Ordinal);

        AssertOneLine((await Run(1, "stats", "--store", store)).Error, "unreachable");
        AssertOneLine((await Run(1, "stats", "--user", "ana", "--store", store)).Error, "unreachable");

        var outcome = await Run(0, "outcome", "--id", first, "--outcome", "helped", "--store", store, "--json");
        Assert.True(JsonDocument.Parse(outcome.Output).RootElement.GetProperty("queued").GetBoolean());
        AssertOneLine(outcome.Error, "unreachable", "2 write(s)");

        var doctor = JsonDocument.Parse((await Run(1, "doctor", "--store", store, "--json")).Output).RootElement.GetProperty("checks")
            .EnumerateArray().Single(c => c.GetProperty("name").GetString() == "outbox");
        Assert.Equal("warn", doctor.GetProperty("status").GetString());
        Assert.Contains("2 write(s) wait", doctor.GetProperty("detail").GetString(), StringComparison.Ordinal);

        await _server.StartAgainAsync();
        var stats = JsonDocument.Parse((await Run(0, "stats", "--store", store, "--json")).Output).RootElement;
        Assert.Equal(2, stats.GetProperty("interventions").GetInt64());
        Assert.Equal(1, stats.GetProperty("helped").GetInt64());
        var hits = JsonDocument.Parse((await Run(0, "recall", "--user", "ana", "--query", "exam nerves", "--store", store, "--json")).Output).RootElement;
        Assert.Equal(2, hits.GetArrayLength());
    }

    [Fact]
    public async Task Outcome_ShortId_OnRedis_FindsTheIntervention()
    {
        SkipWithoutRedis();
        var store = $"redis:{_server!.Endpoint}";
        var id = (await Run(0, "remember", "--user", "ben", "--situation", "cannot sleep", "--kind", "routine", "--text", "Wind down.", "--store", store)).Output.Trim();

        var applied = await Run(0, "outcome", "--id", id[^7..], "--outcome", "not-helped", "--store", store, "--json");

        Assert.Equal(id, JsonDocument.Parse(applied.Output).RootElement.GetProperty("id").GetString());
        Assert.Equal(3, (await _cli.RunAsync("outcome", "--id", "0000000", "--outcome", "helped", "--store", store)).ExitCode);
    }

    [Fact]
    public async Task WrongPassword_RecallSaysUnreachable_NotNoMemories()
    {
        SkipWithoutRedis();
        await using var locked = await RedisProcess.StartAsync(Path.Combine(_folder, "locked"));
        await locked.CliAsync("config", "set", "requirepass", "right-password");

        var recall = await Run(1, "recall", "--user", "ana", "--query", "exam", "--store", $"redis:{locked.Endpoint},password=wrong-password");

        Assert.Equal("", recall.Output);
        AssertOneLine(recall.Error, "unreachable");
    }

    [Fact]
    public async Task WrongPassword_WriteQueues_AndIsReplayedOnceThePasswordIsCorrected()
    {
        // The outbox is named from where its entries go, not from the password: the corrected location finds the queued write.
        SkipWithoutRedis();
        await using var locked = await RedisProcess.StartAsync(Path.Combine(_folder, "locked-replay"));
        await locked.CliAsync("config", "set", "requirepass", "right-password");

        var queued = await Run(0, "remember", "--user", "ana", "--situation", "exam nerves", "--kind", "breathing", "--text", "Breathe in.",
            "--store", $"redis:{locked.Endpoint},password=wrong-password");
        AssertOneLine(queued.Error, "unreachable", "1 write(s)", "outbox");

        var stats = JsonDocument.Parse((await Run(0, "stats", "--store", $"redis:{locked.Endpoint},password=right-password", "--json")).Output).RootElement;
        Assert.Equal(1, stats.GetProperty("interventions").GetInt64());
        Assert.Equal(queued.Output.Trim(), JsonDocument.Parse((await Run(0, "recall", "--user", "ana", "--query", "exam", "--json",
            "--store", $"redis:{locked.Endpoint},password=right-password")).Output).RootElement[0].GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("redis:::::")]
    [InlineData("redis:")]
    [InlineData("redis:host:99999")]
    [InlineData("redis:bad host:6379")]
    public async Task MalformedRedisLocation_ExitsTwo_OneLine_CreatesNothing(string store)
    {
        var result = await _cli.RunAsync("stats", "--store", store);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_cli.Home));
    }

    private async Task<CliResult> Run(int expectedExit, params string[] args)
    {
        var watch = Stopwatch.StartNew();
        var result = await _cli.RunAsync(args);
        Assert.True(result.ExitCode == expectedExit, $"{string.Join(' ', args)}: exit {result.ExitCode}, stderr {result.Error}");
        Assert.True(watch.Elapsed < Bound, $"{string.Join(' ', args)} took {watch.Elapsed}");
        return result;
    }

    private static void AssertOneLine(string error, params string[] expected)
    {
        var lines = error.Trim().Split('\n');
        Assert.True(lines.Length == 1, error);
        foreach (var text in expected)
        {
            Assert.Contains(text, lines[0], StringComparison.Ordinal);
        }
    }

    private static void SkipWithoutRedis()
    {
        if (RedisProcess.MissingReason is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _cli.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
