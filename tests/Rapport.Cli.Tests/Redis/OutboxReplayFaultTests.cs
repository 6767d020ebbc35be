using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Rapport.Cli.Tests.Fixtures;
using Rapport.Embeddings;
using Rapport.Memory;
using Rapport.Redis;
using Rapport.Redis.Tests.Fixtures;
using Rapport.Storage.Conformance;
using StackExchange.Redis;

namespace Rapport.Cli.Tests.Redis;

/// <summary>Fault injection on the outbox replay: writes and outcomes queued while Redis was down are replayed by the next CLI
/// command, and that command (kill -9) or Redis itself (kill -9, then restarted from its append-only file) is killed part-way,
/// round after round. Every acknowledged write lands exactly once and every outcome once (issue 16, fault-injection suite).</summary>
public sealed class OutboxReplayFaultTests : IAsyncLifetime
{
    private const int Writes = 300;
    private const int Outcomes = 60;
    private const int Rounds = 8;
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-replay-faults-").FullName;
    private RedisProcess? _server;

    public async ValueTask InitializeAsync()
    {
        if (RedisProcess.MissingReason is null)
        {
            _server = await RedisProcess.StartAsync(Path.Combine(_folder, "redis"));
        }
    }

    [Fact]
    public async Task Kill9_OfTheReplayingCommandAndOfRedis_AcknowledgedLost0_Duplicates0_OutcomesOnce()
    {
        if (RedisProcess.MissingReason is { } reason)
        {
            Assert.Skip(reason);
        }

        var ct = TestContext.Current.CancellationToken;
        var home = Directory.CreateDirectory(Path.Combine(_folder, "home")).FullName;
        var environment = new Dictionary<string, string?> { ["RAPPORT_HOME"] = home };
        var store = $"redis:{_server!.Endpoint}";
        var acknowledged = await QueueWhileDownAsync(home, ct);
        var outbox = Directory.EnumerateFiles(home, "*.db").Single(f => !f.EndsWith("traces.db", StringComparison.Ordinal));
        var queued = Pending(outbox);
        await _server.StartAgainAsync();

        var random = new Random(1606);
        int cliKills = 0, redisKills = 0, interrupted = 0, stackTraces = 0, rounds = 0;
        for (; rounds < Rounds && Pending(outbox) > 0; rounds++)
        {
            // The next command replays first. It (even rounds) or Redis (odd rounds) is killed once Redis has run a random number
            // of commands, fewer than half the entries left, beyond what it ran before (so always mid-replay: each entry takes
            // at least one command; re-applied entries count too, and the probe's own polls are not counted).
            await using var probe = await ConnectionMultiplexer.ConnectAsync($"{_server.Endpoint},allowAdmin=true");
            var redis = probe.GetServers()[0];
            var baseline = await CommandsAsync(redis);
            var target = random.Next(10, Math.Max(11, (int)(Pending(outbox) / 2)));
            var command = CliProcess.Start(environment, "stats", "--store", store, "--json");
            for (var polls = 1; !command.HasExited && await CommandsAsync(redis) - baseline - polls < target; polls++)
            {
            }

            var killRedis = rounds % 2 == 1;
            if (!command.HasExited)
            {
                (cliKills, redisKills) = killRedis ? (cliKills, redisKills + 1) : (cliKills + 1, redisKills);
            }

            if (killRedis)
            {
                await _server.KillAsync();
            }
            else
            {
                command.Kill(entireProcessTree: false);
            }

            var result = await CliProcess.FinishAsync(command);
            command.Dispose();
            stackTraces += result.Error.Contains("   at ", StringComparison.Ordinal) || result.ExitCode == 134 ? 1 : 0;
            if (killRedis)
            {
                await _server.StartAgainAsync();
            }

            interrupted += Pending(outbox) > 0 ? 1 : 0;
        }

        // Then one command that is left alone applies the rest.
        var final = await CliProcess.RunAsync(environment, "stats", "--store", store, "--json");
        Assert.True(final.ExitCode == 0, final.Error);
        var stats = JsonDocument.Parse(final.Output).RootElement;
        var (stored, lost, helped) = await ReadRedisAsync(acknowledged.Keys, home);
        var duplicates = stored - acknowledged.Count;
        FaultFigures.Report(
            $"Redis outbox replay: {acknowledged.Count} writes and {Outcomes} outcomes queued ({queued} entries), {rounds} rounds, {cliKills} kill -9 of the " +
            $"replaying command, {redisKills} kill -9 of Redis, {interrupted} interrupted the replay, lost {lost}, duplicates {duplicates}, " +
            $"outcomes applied {helped}/{Outcomes}, pending {Pending(outbox)}, stack traces {stackTraces}");
        Assert.True(cliKills > 0 && redisKills > 0 && interrupted > 0, $"kills: {cliKills} of the command, {redisKills} of Redis, {interrupted} mid-replay");
        Assert.Equal(0, Pending(outbox));
        Assert.Equal(0, lost);
        Assert.Equal(0, duplicates);
        Assert.Equal(Outcomes, helped);
        Assert.Equal(acknowledged.Count, stats.GetProperty("interventions").GetInt64());
        Assert.Equal(Outcomes, stats.GetProperty("helped").GetInt64());
        Assert.Equal(0, stackTraces);
    }

    // Records the writes (and outcomes for the first of them) the way the CLI does, with Redis stopped: all go to the outbox
    // the CLI's store uses (same data folder, same location). Returns the acknowledged ids and their users.
    private async Task<Dictionary<string, string>> QueueWhileDownAsync(string home, CancellationToken ct)
    {
        var acknowledged = new Dictionary<string, string>();
        await using var store = RedisMemoryStore.Open(new RedisStoreOptions { Configuration = _server!.Endpoint }, home);
        var memory = new RapportMemory(store, new HashingEmbeddingGenerator());
        await _server.StopAsync();
        for (var i = 0; i < Writes; i++)
        {
            var user = $"replay-user-{i % 4}";
            var written = await memory.RecordAsync(new NewIntervention { UserId = user, Situation = $"queued situation {i}", Kind = "k", Text = $"queued text {i}" }, ct);
            acknowledged[written.Id] = user;
        }

        foreach (var id in acknowledged.Keys.Take(Outcomes))
        {
            await store.SetOutcomeAsync(id, InterventionOutcome.Helped, 5, ct);
        }

        Assert.Equal(Writes + Outcomes, store.PendingWrites);
        return acknowledged;
    }

    // How many intervention records Redis holds in all, how many acknowledged ones it lacks, and how many are marked helped.
    private async Task<(long Stored, int Lost, int Helped)> ReadRedisAsync(IEnumerable<string> ids, string home)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(_server!.Endpoint);
        var stored = 0L;
        await foreach (var _ in redis.GetServers()[0].KeysAsync(pattern: "rapport:*:iv:*"))
        {
            stored++;
        }

        await using var store = RedisMemoryStore.Open(new RedisStoreOptions { Configuration = _server.Endpoint }, home);
        var (lost, helped) = (0, 0);
        foreach (var id in ids)
        {
            var found = await store.GetAsync(id, TestContext.Current.CancellationToken);
            lost += found is null ? 1 : 0;
            helped += found?.Outcome == InterventionOutcome.Helped ? 1 : 0;
        }

        return (stored, lost, helped);
    }

    // Redis's count of commands processed since it started (each poll adds one).
    private static async Task<long> CommandsAsync(IServer server) => long.Parse(
        (await server.InfoAsync("stats")).SelectMany(g => g).First(p => p.Key == "total_commands_processed").Value,
        System.Globalization.CultureInfo.InvariantCulture);

    private static long Pending(string outbox)
    {
        using var connection = new SqliteConnection($"Data Source={outbox};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM outbox;";
        return (long)command.ExecuteScalar()!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
