using Rapport.Evaluation.Runs;

namespace Rapport.Evaluation.Tests.Runs;

public sealed class FileEvaluationRunStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rapport-eval-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    internal static EvaluationRun Run(string id, DateTimeOffset at, params (string Case, double Score)[] cases) => new()
    {
        Id = id,
        StartedAt = at,
        DatasetName = "d",
        DatasetHash = "hash",
        TargetDescription = "recorded:" + id,
        TargetConfigurationHash = "cfg-" + id,
        Metrics = ["brevity"],
        Cases = cases.Select(c => new CaseResult
        {
            CaseId = c.Case,
            Response = "r",
            LatencyMs = 1,
            Scores = [new CaseScore("brevity", c.Score, "why", c.Score >= 0.6, null)],
        }).ToList(),
    };

    [Fact]
    public async Task SaveAsync_ThenGetAndList_RoundTrips()
    {
        var store = new FileEvaluationRunStore(_folder);
        var ct = TestContext.Current.CancellationToken;
        var older = Run("run-20260101-000000-aaaa", DateTimeOffset.Parse("2026-01-01T00:00:00Z"), ("x", 0.5));
        var newer = Run("run-20260102-000000-bbbb", DateTimeOffset.Parse("2026-01-02T00:00:00Z"), ("x", 0.9));

        await store.SaveAsync(older, ct);
        await store.SaveAsync(newer, ct);

        var loaded = await store.GetAsync(older.Id, ct);
        Assert.Equal(0.5, loaded!.Cases[0].Scores[0].Value);
        Assert.Equal("cfg-" + older.Id, loaded.TargetConfigurationHash);
        Assert.Equal([newer.Id, older.Id], (await store.ListAsync(ct)).Select(r => r.Id).ToArray());
        Assert.Equal(newer.Id, (await store.GetAsync("bbbb", ct))!.Id);
        Assert.Null(await store.GetAsync("zzzz", ct));
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetAsync("run-2026", ct));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Fact]
    public async Task ListAsync_MissingFolder_IsEmpty() =>
        Assert.Empty(await new FileEvaluationRunStore(_folder).ListAsync(TestContext.Current.CancellationToken));
}
