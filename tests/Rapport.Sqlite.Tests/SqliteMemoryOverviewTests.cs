using Microsoft.Extensions.Time.Testing;
using Rapport.Memory;
using Rapport.Storage;

namespace Rapport.Sqlite.Tests;

/// <summary>The SQLite store's <see cref="IMemoryOverview"/>: counts per day, kind and quality, the user directory and the session curve, live records only.</summary>
public sealed class SqliteMemoryOverviewTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-overview-").FullName;
    private readonly FakeTimeProvider _time = new(Start.AddDays(3));
    private readonly SqliteMemoryStore _store;

    public SqliteMemoryOverviewTests() => _store = SqliteMemoryStore.Open(Path.Combine(_folder, "rapport.db"), _time);

    [Fact]
    public async Task GetOverviewAsync_CountsLiveInterventionsPerDayKindAndQuality()
    {
        await _store.RecordAsync(
        [
            Make("ana", "s1", Start, "breathing", InterventionOutcome.Helped, 0.9),
            Make("ana", "s1", Start.AddHours(1), "breathing", InterventionOutcome.NotHelped, 0.3),
            Make("ben", "s1", Start.AddDays(1), "reframe", InterventionOutcome.Helped, null),
            Make("ben", "s2", Start.AddDays(-40), "reframe", InterventionOutcome.Helped, 0.5, expires: Start.AddDays(-10)),
        ], TestContext.Current.CancellationToken);

        var overview = await _store.GetOverviewAsync(Start.AddDays(-1), 0.7, TestContext.Current.CancellationToken);

        Assert.Equal([new DailyActivity(DateOnly.FromDateTime(Start.UtcDateTime), 2, 1, 1, 0.6), new DailyActivity(DateOnly.FromDateTime(Start.AddDays(1).UtcDateTime), 1, 1, 0, null)],
            overview.Days.Select(d => d with { MeanQuality = d.MeanQuality is { } q ? Math.Round(q, 6) : null }));
        Assert.Equal(new KindOutcomeCounts(2, 1, 1), overview.Kinds["breathing"]);
        Assert.Equal(new KindOutcomeCounts(1, 1, 0), overview.Kinds["reframe"]);
        Assert.Equal(1, overview.QualityHistogram[9]);
        Assert.Equal(1, overview.QualityHistogram[3]);
        Assert.Equal(2, overview.QualityHistogram.Sum());
        Assert.Equal(1, overview.Unscored);
        Assert.Equal(1, overview.LowQuality);
    }

    [Fact]
    public async Task ListUsersAsync_FiltersByPrefixAsARangeNotAPattern_NewestFirst()
    {
        await _store.RecordAsync(
        [
            Make("a_1", "s", Start, "break", InterventionOutcome.Helped, 0.8),
            Make("ab", "s", Start.AddHours(2), "break", InterventionOutcome.Unknown, 0.8),
            Make("ab", "s", Start.AddHours(1), "break", InterventionOutcome.NotHelped, 0.8),
            Make("b", "s", Start, "break", InterventionOutcome.Helped, 0.8),
        ], TestContext.Current.CancellationToken);

        var all = await _store.ListUsersAsync(null, 10, TestContext.Current.CancellationToken);
        var a = await _store.ListUsersAsync("a", 10, TestContext.Current.CancellationToken);
        var pattern = await _store.ListUsersAsync("a_", 10, TestContext.Current.CancellationToken);

        Assert.Equal(["ab", "a_1", "b"], all.Select(u => u.UserId));
        Assert.Equal(new UserSummary("ab", 2, 0, 1, Start.AddHours(2)), a[0]);
        Assert.Equal(["ab", "a_1"], a.Select(u => u.UserId));
        Assert.Equal(["a_1"], pattern.Select(u => u.UserId));
    }

    [Fact]
    public async Task GetSessionCurveAsync_IndexesEachUsersSessionsByTheirStart()
    {
        await _store.RecordAsync(
        [
            Make("ana", "late", Start.AddDays(1), "break", InterventionOutcome.Helped, 0.8),
            Make("ana", "early", Start, "break", InterventionOutcome.NotHelped, 0.8),
            Make("ben", "only", Start, "break", InterventionOutcome.Helped, 0.8),
            Make("ben", "only", Start.AddMinutes(1), "break", InterventionOutcome.Helped, 0.8),
        ], TestContext.Current.CancellationToken);

        var curve = await _store.GetSessionCurveAsync(10, TestContext.Current.CancellationToken);

        Assert.Equal([new SessionIndexRate(1, 2, 2, 1), new SessionIndexRate(2, 1, 1, 0)], curve);
        Assert.Equal(2.0 / 3, curve[0].SuccessRate);
    }

    private static Intervention Make(string user, string session, DateTimeOffset at, string kind, InterventionOutcome outcome, double? quality, DateTimeOffset? expires = null) => new()
    {
        Id = Guid.NewGuid().ToString("N"), UserId = user, SessionId = session, CreatedAt = at, Situation = "s", Kind = kind, Text = "t",
        Outcome = outcome, Quality = quality, Embedding = new float[] { 1, 0, 0 }, EmbeddingModel = "test-3", ExpiresAt = expires ?? at.AddDays(30),
    };

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
