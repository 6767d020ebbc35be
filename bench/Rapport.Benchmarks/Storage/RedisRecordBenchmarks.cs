using BenchmarkDotNet.Attributes;
using Rapport.Memory;
using Rapport.Redis;

namespace Rapport.Benchmarks.Storage;

/// <summary>Recording throughput on Redis with many calls in flight on one connection (StackExchange.Redis pipelines them).</summary>
/// <remarks>
/// Op/s is interventions per second. bench/redis/run.sh runs this against a private server and compares it with
/// <c>redis-benchmark -t hset -d &lt;payload&gt;</c> on the same server in the same run (bench/results/redis-throughput.md).
/// Each call writes the id mapping and runs the per-user Lua script (record hash, vector entry, three index entries,
/// version), so one intervention is several Redis writes.
/// </remarks>
public class RedisRecordBenchmarks
{
    private const int PerInvoke = 2_000;
    private string _home = "";
    private RedisMemoryStore _store = null!;
    private Intervention[] _templates = [];
    private int _round;

    /// <summary>Gets or sets how many recording calls are in flight at once.</summary>
    [Params(64)]
    public int InFlight { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _home = Directory.CreateTempSubdirectory("rapport-bench-redis-").FullName;
        _store = RedisBenchmarkServer.Open(_home, "bench");
        _templates = BenchmarkData.Interventions(PerInvoke);
        RedisBenchmarkServer.WritePayloadSize(_templates[0]);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        var pending = _store.PendingWrites;
        await _store.DisposeAsync();
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

    private Intervention Fresh(int round, int i, string user) => _templates[i] with { Id = $"r{round:x6}{i:x6}", UserId = user };

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
