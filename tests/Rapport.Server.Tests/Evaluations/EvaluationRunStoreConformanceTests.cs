using Rapport.Evaluation.Runs;

namespace Rapport.Server.Tests.Evaluations;

/// <summary>What every evaluation run store the server uses must do: round-trip runs, find by id or a unique start or end of it, list newest
/// first, replace on save, show a save to another instance at once, and keep tenants apart.</summary>
public abstract class EvaluationRunStoreConformanceTests
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Opens a store for <paramref name="tenant"/>; two calls with the same tenant are two instances on the same data.</summary>
    protected abstract Task<IEvaluationRunStore> OpenAsync(string tenant);

    protected static EvaluationRun Run(string id, DateTimeOffset startedAt, string dataset = "ds", double score = 0.5) => new()
    {
        Id = id, StartedAt = startedAt, DurationMs = 12.5, DatasetName = dataset, DatasetHash = "h-" + dataset, TargetDescription = "recorded:x",
        TargetConfigurationHash = "cfg", Metrics = ["brevity"], MaxParallelism = 2,
        Cases = [new CaseResult { CaseId = "c1", Response = "Shall we breathe?", LatencyMs = 1, Scores = [new CaseScore("brevity", score, "short", true, null)], Tags = ["t"] }],
    };

    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 5, 12, 0, TimeSpan.Zero);

    [Fact]
    public async Task Save_ThenGet_RoundTripsTheRun()
    {
        var store = await OpenAsync(Tenant());
        var run = Run("run-20261124-051200-3fa9", T0);
        await store.SaveAsync(run, Ct);
        var read = await store.GetAsync(run.Id, Ct);
        Assert.NotNull(read);
        Assert.Equal((run.Id, run.StartedAt, run.DatasetHash, run.DurationMs, run.MaxParallelism), (read.Id, read.StartedAt, read.DatasetHash, read.DurationMs, read.MaxParallelism));
        Assert.Equal(run.Metrics, read.Metrics);
        var c = Assert.Single(read.Cases);
        Assert.Equal(("c1", "Shall we breathe?", 0.5, "t"), (c.CaseId, c.Response, Assert.Single(c.Scores).Value, Assert.Single(c.Tags)));
    }

    [Fact]
    public async Task Get_ByUniqueStartOrEnd_FindsIt_AmbiguousThrows_UnknownIsNull()
    {
        var store = await OpenAsync(Tenant());
        await store.SaveAsync(Run("run-20261124-051200-aaaa", T0), Ct);
        await store.SaveAsync(Run("run-20261124-051200-bbbb", T0.AddSeconds(1)), Ct);
        Assert.Equal("run-20261124-051200-bbbb", (await store.GetAsync("bbbb", Ct))?.Id);
        Assert.Equal("run-20261124-051200-aaaa", (await store.GetAsync("run-20261124-051200-a", Ct))?.Id);
        Assert.Throws<ArgumentException>(() => store.GetAsync("run-2026", Ct).GetAwaiter().GetResult());
        Assert.Null(await store.GetAsync("cccc", Ct));
        Assert.Null(await store.GetAsync("%", Ct));
        Assert.Null(await store.GetAsync("_", Ct));
    }

    [Fact]
    public async Task List_NewestFirst_AndSaveReplacesTheSameId()
    {
        var store = await OpenAsync(Tenant());
        await store.SaveAsync(Run("run-b", T0.AddMinutes(1)), Ct);
        await store.SaveAsync(Run("run-a", T0), Ct);
        await store.SaveAsync(Run("run-c", T0.AddMinutes(2)), Ct);
        await store.SaveAsync(Run("run-a", T0, score: 0.9), Ct);
        var runs = await store.ListAsync(Ct);
        Assert.Equal(["run-c", "run-b", "run-a"], runs.Select(r => r.Id));
        Assert.Equal(0.9, runs[2].Cases[0].Scores[0].Value);
    }

    [Fact]
    public async Task AnotherInstance_SeesASaveAtOnce_AnotherTenantNever()
    {
        var tenant = Tenant();
        var one = await OpenAsync(tenant);
        var two = await OpenAsync(tenant);
        var other = await OpenAsync(Tenant());
        await one.SaveAsync(Run("run-shared", T0), Ct);
        Assert.Equal("run-shared", (await two.GetAsync("run-shared", Ct))?.Id);
        Assert.Single(await two.ListAsync(Ct));
        Assert.Null(await other.GetAsync("run-shared", Ct));
        Assert.Empty(await other.ListAsync(Ct));
    }

    [Fact]
    public async Task Save_UnusableId_IsRefusedAndLeavesNothing()
    {
        var store = await OpenAsync(Tenant());
        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(Run("a b", T0), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync(Run("x}y", T0), Ct));
        Assert.Empty(await store.ListAsync(Ct));
    }

    private static string Tenant() => "t" + Guid.NewGuid().ToString("N")[..12];
}
