using BenchmarkDotNet.Attributes;
using Rapport.Memory;
using Rapport.Redis;
using Rapport.Redis.Internal;
using StackExchange.Redis;

namespace Rapport.Benchmarks.Storage;

/// <summary>Recording throughput on Redis with many calls in flight on one connection (StackExchange.Redis pipelines them).</summary>
/// <remarks>
/// Op/s is interventions per second. bench/redis/run.sh runs this against a private server and compares it with
/// <c>redis-benchmark -t hset -d &lt;payload&gt;</c> on the same server in the same run (bench/results/redis-throughput.md).
/// Each call writes the id mappings (one SET ... NX per intervention, in other slots than the user's), then one MULTI/EXEC
/// per user: record.lua (checks, two index entries per intervention, the version) and one SET ... PX ... NX per intervention
/// carrying its value. <see cref="SetValuesOnly"/> is the floor of the client side: the same values, the same multiplexer (the store's)
/// and calls in flight, as bare pipelined SETs, with none of the store's work or guarantees.
/// <see cref="SetSameBytesBatchesOf50"/> is issue 17's floor for <see cref="RecordBatchesOf50"/>: every key and value a recorded
/// intervention leaves in Redis (its value, its id mapping, its entries in the ids, expiry and change indexes), each as one
/// plain SET with the same bytes (an index entry as a key named by the index and member holding the score), 50
/// interventions per call pipelined, through the same client with the same calls in flight.
/// </remarks>
public class RedisRecordBenchmarks
{
    private const int PerInvoke = 2_000;
    private string _home = "";
    private RedisMemoryStore _store = null!;
    private Intervention[] _templates = [];
    private byte[][] _values = [];
    private ConnectionMultiplexer _connection = null!;
    private IDatabase _plain = null!;
    private RedisKeys _keys = null!;
    private int _round;

    /// <summary>Gets or sets how many recording calls are in flight at once.</summary>
    [Params(64)]
    public int InFlight { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _home = Directory.CreateTempSubdirectory("rapport-bench-redis-").FullName;
        // One client for both: the store runs on the same multiplexer as the raw SETs it is compared with (issue 17), opened
        // with the settings the store would choose for itself (no backlog, so a write meeting an outage is not held back).
        var settings = ConfigurationOptions.Parse(RedisBenchmarkServer.Configuration);
        settings.AbortOnConnectFail = false;
        settings.BacklogPolicy = BacklogPolicy.FailFast;
        _connection = ConnectionMultiplexer.Connect(settings);
        _plain = _connection.GetDatabase();
        var prefix = "bench" + Guid.NewGuid().ToString("N")[..8];
        _store = RedisMemoryStore.Open(
            _connection,
            new RedisStoreOptions { Configuration = RedisBenchmarkServer.Configuration, KeyPrefix = prefix, Budget = TimeSpan.FromMinutes(1) },
            _home);
        // The baselines write beside the store's keys, under another prefix of the same length.
        _keys = new RedisKeys("plain" + prefix[5..]);
        _templates = BenchmarkData.Interventions(PerInvoke);
        RedisBenchmarkServer.WritePayloadSize(_templates[0]);
        _values = [.. _templates.Select(InterventionValue.Encode)];
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        var pending = _store.PendingWrites;
        await _store.DisposeAsync();
        await _connection.DisposeAsync();
        Directory.Delete(_home, recursive: true);
        if (pending > 0)
        {
            throw new InvalidOperationException($"{pending} writes went to the outbox: the measurement is not of Redis.");
        }
    }

    /// <summary>One intervention per call, <see cref="InFlight"/> calls at a time, 100 users round robin.</summary>
    [Benchmark(OperationsPerInvoke = PerInvoke)]
    public async Task RecordOnePerCall()
    {
        var round = Interlocked.Increment(ref _round);
        using var gate = new SemaphoreSlim(InFlight);
        var calls = new Task[PerInvoke];
        for (var i = 0; i < PerInvoke; i++)
        {
            await gate.WaitAsync();
            calls[i] = RecordAsync([Fresh(round, i, $"user-{i % 100}")], gate);
        }

        await Task.WhenAll(calls);
    }

    /// <summary>Batches of 50 interventions of one user per call, <see cref="InFlight"/> calls at a time.</summary>
    [Benchmark(OperationsPerInvoke = PerInvoke)]
    public async Task RecordBatchesOf50()
    {
        var round = Interlocked.Increment(ref _round);
        using var gate = new SemaphoreSlim(InFlight);
        var calls = new List<Task>();
        for (var b = 0; b < PerInvoke / 50; b++)
        {
            await gate.WaitAsync();
            var user = $"user-{b % 100}";
            calls.Add(RecordAsync([.. Enumerable.Range(b * 50, 50).Select(i => Fresh(round, i, user))], gate));
        }

        await Task.WhenAll(calls);
    }

    /// <summary>Not the store: one plain pipelined SET per encoded value, <see cref="InFlight"/> at a time (client floor).</summary>
    [Benchmark(OperationsPerInvoke = PerInvoke)]
    public async Task SetValuesOnly()
    {
        var round = Interlocked.Increment(ref _round);
        using var gate = new SemaphoreSlim(InFlight);
        var calls = new Task[PerInvoke];
        for (var i = 0; i < PerInvoke; i++)
        {
            await gate.WaitAsync();
            calls[i] = SetAsync($"plain:{{user-{i % 100}}}:r{round:x6}{i:x6}", _values[i], gate);
        }

        await Task.WhenAll(calls);
    }

    /// <summary>Not the store: the bytes of <see cref="RecordBatchesOf50"/> as plain pipelined SETs (five per intervention).</summary>
    [Benchmark(OperationsPerInvoke = PerInvoke)]
    public async Task SetSameBytesBatchesOf50()
    {
        var round = Interlocked.Increment(ref _round);
        using var gate = new SemaphoreSlim(InFlight);
        var calls = new List<Task>();
        for (var b = 0; b < PerInvoke / 50; b++)
        {
            await gate.WaitAsync();
            calls.Add(SetSameBytesAsync(round, b * 50, 50, $"user-{b % 100}", gate));
        }

        await Task.WhenAll(calls);
    }

    private async Task SetSameBytesAsync(int round, int first, int count, string user, SemaphoreSlim gate)
    {
        try
        {
            var ttl = TimeSpan.FromDays(30);
            var writes = new Task[5 * count];
            for (var k = 0; k < count; k++)
            {
                var i = first + k;
                var id = $"r{round:x6}{i:x6}";
                var created = _templates[i].CreatedAt.ToUnixTimeMilliseconds();
                writes[5 * k] = _plain.StringSetAsync(_keys.Intervention(user, id), _values[i], ttl);
                writes[(5 * k) + 1] = _plain.StringSetAsync(_keys.RecordOwner(id), user, ttl);
                writes[(5 * k) + 2] = _plain.StringSetAsync($"{_keys.Prefix}:{{{user}}}:ids:{id}", created, ttl);
                writes[(5 * k) + 3] = _plain.StringSetAsync($"{_keys.Prefix}:{{{user}}}:exp:i:{id}", created + (long)ttl.TotalMilliseconds, ttl);
                writes[(5 * k) + 4] = _plain.StringSetAsync($"{_keys.Prefix}:{{{user}}}:chg:{id}", round, ttl);
            }

            await Task.WhenAll(writes);
        }
        finally
        {
            gate.Release();
        }
    }

    private Intervention Fresh(int round, int i, string user) => _templates[i] with { Id = $"r{round:x6}{i:x6}", UserId = user };

    private async Task SetAsync(string key, byte[] value, SemaphoreSlim gate)
    {
        try
        {
            await _plain.StringSetAsync(key, value, TimeSpan.FromDays(30));
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task RecordAsync(Intervention[] batch, SemaphoreSlim gate)
    {
        try
        {
            await _store.RecordAsync(batch);
        }
        finally
        {
            gate.Release();
        }
    }
}
