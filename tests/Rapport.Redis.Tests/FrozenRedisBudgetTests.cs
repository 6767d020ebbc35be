using System.Diagnostics;
using Rapport.Embeddings;
using Rapport.Memory;
using Rapport.Redis.Tests.Fixtures;

namespace Rapport.Redis.Tests;

/// <summary>With Redis frozen (SIGSTOP), an operation spends its budget once, not once per read.</summary>
public sealed class FrozenRedisBudgetTests : IAsyncLifetime
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(250);
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-frozen-").FullName;
    private readonly TestStoreFactory _stores = new();
    private RedisProcess? _server;

    public async ValueTask InitializeAsync()
    {
        if (RedisProcess.MissingReason is null)
        {
            _server = await RedisProcess.StartAsync(_folder);
        }
    }

    [Fact]
    public async Task Recall_RedisFrozen_ReturnsWithinBudgetTimesOnePointOne_ThenRecoversAfterThaw()
    {
        if (RedisProcess.MissingReason is { } reason)
        {
            Assert.Skip(reason);
        }

        var ct = TestContext.Current.CancellationToken;
        await using var store = _stores.Open(_server!.Endpoint, configure: o => o.Budget = Budget);
        var memory = new RapportMemory(store, new HashingEmbeddingGenerator());
        await memory.RecordAsync(new NewIntervention { UserId = "ana", Situation = "tense before my talk", Kind = "breathing", Text = "breathe" }, ct);
        var request = new RecallRequest { UserId = "ana", Query = "tense talk" };
        Assert.Single(await memory.RecallAsync(request, ct));

        var timings = new List<double>();
        await _server.FreezeAsync();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var watch = Stopwatch.StartNew();
                var hits = await memory.RecallAsync(request, ct);
                timings.Add(watch.Elapsed.TotalMilliseconds);
                Assert.Empty(hits);
            }
        }
        finally
        {
            await _server.ThawAsync();
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"recall with Redis frozen: {string.Join(", ", timings.Select(t => $"{t:F0} ms"))} (budget {Budget.TotalMilliseconds} ms)");
        Assert.All(timings, t => Assert.True(t <= Budget.TotalMilliseconds * 1.1, $"a recall took {t:F0} ms; budget {Budget.TotalMilliseconds} ms"));

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await memory.RecallAsync(request, ct)).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "recall did not recover after SIGCONT");
            await Task.Delay(50, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.ThawAsync();
            await _server.DisposeAsync();
        }

        _stores.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
