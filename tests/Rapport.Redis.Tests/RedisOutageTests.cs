using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Time.Testing;
using Rapport.Embeddings;
using Rapport.Memory;
using Rapport.Redis.Tests.Fixtures;
using Rapport.SelfImprovement;
using Rapport.Storage;
using Rapport.Storage.Conformance;
using Rapport.Telemetry;
using StackExchange.Redis;
using static Rapport.Redis.Tests.Fixtures.TestRecords;

namespace Rapport.Redis.Tests;

/// <summary>Outages: a private redis-server per test, stopped and restarted while the store works.</summary>
public sealed class RedisOutageTests : PrivateRedisTests
{
    // Acceptance 3: 1,000 recordings while the server is stopped part-way and restarted; all land exactly once.
    [Fact]
    public async Task Record_ServerStoppedAndRestartedMidway_AllLandExactlyOnce_NoCallFails()
    {
        var server = Server;
        await using var store = Stores.Open(server.Endpoint, configure: o => o.Budget = TimeSpan.FromMilliseconds(250));
        var ids = new List<string>();
        var failures = 0;
        var latencies = new List<double>();
        var start = DateTimeOffset.UtcNow;
        for (var i = 0; i < 1_000; i++)
        {
            if (i == 300)
            {
                await server.StopAsync();
            }
            else if (i == 600)
            {
                await server.StartAgainAsync();
            }

            var record = Make("writer", Axis(i), start.AddMilliseconds(i));
            ids.Add(record.Id);
            var watch = Stopwatch.StartNew();
            try
            {
                await store.RecordAsync([record], TestContext.Current.CancellationToken);
            }
            catch (Exception)
            {
                failures++;
            }

            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }

        await WaitUntilAsync(() => store.PendingWrites == 0, TimeSpan.FromMinutes(3));

        await using var redis = await ConnectionMultiplexer.ConnectAsync(server.Endpoint);
        var db = redis.GetDatabase();
        var recordKeys = redis.GetServers()[0].Keys(pattern: $"{Stores.Prefix}:{{writer}}:iv:*").Count();
        var indexed = await db.SortedSetLengthAsync($"{Stores.Prefix}:{{writer}}:ids");
        var missing = 0;
        foreach (var id in ids)
        {
            missing += await db.KeyExistsAsync($"{Stores.Prefix}:{{writer}}:iv:{id}") ? 0 : 1;
        }

        var slow = string.Join(", ", latencies.Select((l, i) => (l, i)).Where(p => p.l > 100).Select(p => $"#{p.i}: {p.l:F0} ms"));
        latencies.Sort();
        TestContext.Current.TestOutputHelper?.WriteLine($"calls over 100 ms: {slow}");
        FaultFigures.Report(
            $"Redis stopped and restarted during 1,000 writes: failed calls {failures}, lost {missing}, stored {recordKeys}, indexed {indexed}; " +
            $"write latency max {latencies[^1]:F1} ms, p99 {latencies[989]:F1} ms, median {latencies[500]:F1} ms, over the 250 ms budget {latencies.Count(l => l > 250)}");
        Assert.Equal(0, failures);
        Assert.Equal(0, missing);
        Assert.Equal(1_000, recordKeys);
        Assert.Equal(1_000, indexed);
    }

    [Fact]
    public async Task Reads_ServerStopped_DegradeToEmptyWithMetric_ThenRecover()
    {
        var server = Server;
        await using var store = Stores.Open(server.Endpoint, configure: o => o.Budget = TimeSpan.FromMilliseconds(250));
        var record = Make("ana", Axis(0), DateTimeOffset.UtcNow);
        await store.RecordAsync([record]);
        long degraded = 0;
        var operations = new System.Collections.Concurrent.ConcurrentBag<object?>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // The store's instruments live on the core's one meter, not on a second meter of the same name.
            if (ReferenceEquals(instrument.Meter, RapportTelemetry.Meter) && instrument.Name == "rapport.store.degraded_reads")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            Interlocked.Add(ref degraded, value);
            foreach (var tag in tags)
            {
                if (tag.Key == RapportTelemetryNames.Operation)
                {
                    operations.Add(tag.Value);
                }
            }
        });
        listener.Start();

        await server.StopAsync();
        var hits = await store.SearchAsync(Query("ana", Axis(0)));
        var fetched = await store.GetAsync(record.Id);

        Assert.Empty(hits);
        Assert.Null(fetched);
        Assert.True(Interlocked.Read(ref degraded) >= 2);
        Assert.Contains("search", operations);
        Assert.Contains("get", operations);

        await server.StartAgainAsync();
        await WaitUntilAsync(async () => (await store.SearchAsync(Query("ana", Axis(0)))).Count == 1, TimeSpan.FromSeconds(30));
        Assert.Equal(record.Id, (await store.GetAsync(record.Id))!.Id);
    }

    [Fact]
    public async Task Writes_ServerStopped_AreQueuedDurably_AndReplayedByAnotherInstanceAfterRestart()
    {
        var server = Server;
        var now = DateTimeOffset.UtcNow;
        var record = Make("ana", Axis(0), now);
        await using (var first = Stores.Open(server.Endpoint, configure: o => o.Budget = TimeSpan.FromMilliseconds(250)))
        {
            await server.StopAsync();
            await first.RecordAsync([record]);
            await first.AddReflectionAsync(new SessionReflection { Id = "r1", UserId = "ana", SessionId = "s1", CreatedAt = now, Summary = "ok", ExpiresAt = now.AddDays(1) });
            await first.SaveProfileAsync(new UserProfile { UserId = "ana", Facts = ["likes tea"], UpdatedAt = now, ExpiresAt = now.AddDays(1) });
            Assert.Null(await first.SetOutcomeAsync(record.Id, InterventionOutcome.Helped, 5));
            Assert.Equal(4, first.PendingWrites);
        }

        await server.StartAgainAsync();
        await using var second = Stores.Open(server.Endpoint);
        await WaitUntilAsync(() => second.PendingWrites == 0, TimeSpan.FromSeconds(30));

        var stored = await second.GetAsync(record.Id);
        Assert.Equal(InterventionOutcome.Helped, stored!.Outcome);
        Assert.Equal(5, stored.Rating);
        Assert.Single(await second.ListReflectionsAsync("ana"));
        Assert.Equal(["likes tea"], (await second.GetProfileAsync("ana")).Facts);
    }

    [Fact]
    public async Task Open_ServerUnreachable_OpensAndQueues()
    {
        var server = Server;
        await server.StopAsync();

        await using var store = Stores.Open(server.Endpoint, configure: o => o.ConnectTimeout = TimeSpan.FromMilliseconds(200));
        await store.RecordAsync([Make("ana", Axis(0), DateTimeOffset.UtcNow)]);

        Assert.Equal(1, store.PendingWrites);
        Assert.Empty(await store.ListAsync("ana"));
    }

    [Fact]
    public async Task PrepareTurn_ServerStopped_KeepsThePopulationPriorItHad_WhilePopulationReadsThrowAtOnce()
    {
        var server = Server;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var store = Stores.Open(server.Endpoint, time, o => o.Budget = TimeSpan.FromSeconds(5));
        var memory = new RapportMemory(store, new HashingEmbeddingGenerator(64), timeProvider: time);
        var loop = new RapportLoop(memory, timeProvider: time);
        for (var i = 0; i < 4; i++)
        {
            var stored = await memory.RecordAsync(
                new NewIntervention { UserId = $"user-{i}", Situation = "Stressed about work", Kind = "reframe", Text = "Let's look at it another way." });
            await memory.SetOutcomeAsync(stored.Id, InterventionOutcome.Helped);
        }

        var before = (await loop.PrepareTurnAsync(Newcomer("newcomer-1"))).Recommendation.Best;
        time.Advance(TimeSpan.FromMinutes(11));
        await server.StopAsync();
        await WaitUntilAsync(() => store.Unreachable is not null, TimeSpan.FromSeconds(10));

        // Known to be down: the store-wide reads throw at once, not after the 30 s maintenance timeout.
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAsync<MemoryStoreException>(() => store.GetKindOutcomesAsync());
        await Assert.ThrowsAsync<MemoryStoreException>(() => store.GetSituationOutcomesAsync(100));
        var reads = watch.Elapsed;
        // The population's rates are due for a refresh, which fails: the turn goes on with the rates read before.
        var during = (await loop.PrepareTurnAsync(Newcomer("newcomer-2"))).Recommendation.Best;
        // A loop that never read them starts uninformed.
        var fresh = (await new RapportLoop(memory, timeProvider: time).PrepareTurnAsync(Newcomer("newcomer-3"))).Recommendation;

        Assert.Equal(("reframe", Math.Round(5 / 6.0, 9)), (before.Kind, Math.Round(before.PopulationRate, 9)));
        Assert.Equal((before.Kind, before.PopulationRate), (during.Kind, during.PopulationRate));
        Assert.All(fresh.Ranked, k => Assert.Equal(0.5, k.PopulationRate));
        // Far under the 30 s maintenance timeout they would otherwise wait out, with room for a loaded machine.
        Assert.True(reads < TimeSpan.FromSeconds(10), $"the population reads took {reads.TotalMilliseconds:F0} ms while Redis was down");
    }

    private static TurnRequest Newcomer(string user) =>
        new() { UserId = user, Situation = "Stressed about work", Kinds = ["break", "breathing", "reframe"] };

    private static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout) => WaitUntilAsync(() => Task.FromResult(condition()), timeout);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The condition did not hold within {timeout}.");
            }

            await Task.Delay(50);
        }
    }
}
