using BenchmarkDotNet.Attributes;

namespace Rapport.Redis.Benchmarks.Storage;

/// <summary>Recording throughput on Redis: many calls in flight on one connection (StackExchange.Redis pipelines them).</summary>
/// <remarks>Op/s is interventions per second. Compare with <c>redis-benchmark -t hset -d &lt;payload&gt;</c> on the same server (bench/redis/run.sh).</remarks>
public class RedisRecordBenchmarks
{
    private const int PerInvoke = 2_000;
    private readonly Random _random = new(3);
    private string _home = "";
    private RedisMemoryStore _store = null!;
    private int _round;

    /// <summary>Gets or sets how many recording calls are in flight at once.</summary>
    [Params(64)]
    public int InFlight { get; set; }

    // The budget is the maximum (one minute): this suite measures Redis throughput, and a write that went to the
    // outbox instead would not be a Redis write (Cleanup fails the run if any did).
    [GlobalSetup]
    public void Setup()
    {
        _home = Directory.CreateTempSubdirectory("rapport-bench-redis-").FullName;
        _store = RedisMemoryStore.Open(
            new RedisStoreOptions { Configuration = RedisBenchmarkData.Redis, KeyPrefix = "bench" + Guid.NewGuid().ToString("N")[..8], Budget = TimeSpan.FromMinutes(1) },
            _home);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        if (_store.PendingWrites > 0)
        {
            throw new InvalidOperationException($"{_store.PendingWrites} writes went to the outbox: the measurement is not of Redis.");
        }

        await _store.DisposeAsync();
        Directory.Delete(_home, recursive: true);
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
            var record = RedisBenchmarkData.Make($"user-{i % 100}", $"r{round:x6}{i:x6}", _random, i);
            calls[i] = Record(record, gate);
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
            var batch = Enumerable.Range(0, 50).Select(i => RedisBenchmarkData.Make($"user-{b % 100}", $"b{round:x6}{b:x4}{i:x2}", _random, i)).ToArray();
            calls.Add(RecordBatch(batch, gate));
        }

        await Task.WhenAll(calls);
    }

    private async Task Record(Memory.Intervention record, SemaphoreSlim gate)
    {
        try
        {
            await _store.RecordAsync([record]);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task RecordBatch(Memory.Intervention[] batch, SemaphoreSlim gate)
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
