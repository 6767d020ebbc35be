using Microsoft.Extensions.Time.Testing;
using Rapport.Learning;
using Rapport.Memory;

namespace Rapport.Sqlite.Tests;

/// <summary><see cref="SqliteMemoryStore.GetSituationOutcomesAsync"/>: what population-level learning reads.</summary>
public sealed class SqliteSituationOutcomesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-outcomes-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task GetSituationOutcomesAsync_LiveKnownOutcomes_NewestFirstWithUsersNumbered()
    {
        await using var store = SqliteMemoryStore.Open(Path.Combine(_folder, "rapport.db"), _time);
        await store.RecordAsync([Record("ana", "breathing", InterventionOutcome.Helped, 1, expiresInDays: 30)]);
        _time.Advance(TimeSpan.FromMinutes(1));
        await store.RecordAsync([Record("ben", "reframe", InterventionOutcome.NotHelped, 2, expiresInDays: 30)]);
        _time.Advance(TimeSpan.FromMinutes(1));
        await store.RecordAsync([Record("ana", "break", InterventionOutcome.NotHelped, 3, expiresInDays: 30)]);
        await store.RecordAsync([Record("ana", "break", InterventionOutcome.Unknown, 4, expiresInDays: 30)]);
        await store.RecordAsync([Record("cy", "break", InterventionOutcome.Helped, 5, expiresInDays: 0.5)]);
        _time.Advance(TimeSpan.FromDays(1));

        var outcomes = await store.GetSituationOutcomesAsync(limit: 10);

        Assert.Equal([3f, 2f, 1f], outcomes.Select(o => o.Situation.Span[0]));
        Assert.Equal(["break", "reframe", "breathing"], outcomes.Select(o => o.Kind));
        Assert.Equal([false, false, true], outcomes.Select(o => o.Helped));
        Assert.Equal(outcomes[0].User, outcomes[2].User);
        Assert.NotEqual(outcomes[0].User, outcomes[1].User);
        Assert.Single(await store.GetSituationOutcomesAsync(limit: 1));
    }

    [Fact]
    public async Task GetSituationOutcomesAsync_BoundEmbedder_SkipsVectorsOfAnotherEmbedder()
    {
        await using var store = SqliteMemoryStore.Open(Path.Combine(_folder, "rapport.db"), _time);
        await store.RecordAsync([Record("ana", "breathing", InterventionOutcome.Helped, 1, expiresInDays: 30)]);
        await store.RecordAsync([Record("ana", "break", InterventionOutcome.Helped, 2, expiresInDays: 30) with { EmbeddingModel = "older" }]);
        Assert.Equal(2, (await store.GetSituationOutcomesAsync(limit: 10)).Count);

        await store.BindEmbedderAsync("test");

        var outcomes = await store.GetSituationOutcomesAsync(limit: 10);
        Assert.Equal([1f], outcomes.Select(o => o.Situation.Span[0]));
    }

    private Intervention Record(string user, string kind, InterventionOutcome outcome, float marker, double expiresInDays) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        UserId = user,
        SessionId = "s1",
        CreatedAt = _time.GetUtcNow(),
        Situation = $"situation {marker}",
        Kind = kind,
        Text = "Let's try this.",
        Outcome = outcome,
        Embedding = new float[] { marker, 0f, 0f, 1f },
        EmbeddingModel = "test",
        ExpiresAt = _time.GetUtcNow().AddDays(expiresInDays),
    };

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
