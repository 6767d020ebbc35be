using Rapport.Memory;
using Rapport.Storage;

namespace Rapport.Storage.Conformance;

public abstract partial class MemoryStoreConformanceTests
{
    [Fact]
    public async Task Record_EveryField_RoundTrips()
    {
        var store = await OpenStoreAsync();
        var original = Make("ana", [0.25f, -0.5f, 0.125f, 1f, 0f, 0f, 0.75f, -1f], quality: 0.82) with
        {
            Tool = "start_breathing_exercise",
            Outcome = InterventionOutcome.Helped,
            Rating = 4,
            OutcomeAt = Time.GetUtcNow().AddMinutes(3),
            Scores = new Dictionary<string, double> { ["brevity"] = 0.9, ["supportiveness"] = 0.75 },
            Metadata = new Dictionary<string, string> { ["channel"] = "voice", ["lang"] = "en" },
            Situation = "Ich bin nervös 😬 \"quoted\" <b>markup</b>",
        };

        await store.RecordAsync([original]);
        var loaded = await store.GetAsync(original.Id);

        Assert.NotNull(loaded);
        AssertSame(original, loaded);
    }

    [Fact]
    public async Task Record_DuplicateIdInBatch_StoresNothing()
    {
        var store = await OpenStoreAsync();
        var existing = Make("ana", Axis(0));
        await store.RecordAsync([existing]);
        var fresh = Make("ana", Axis(1));

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.RecordAsync([fresh, existing with { Situation = "changed" }]));

        Assert.Null(await store.GetAsync(fresh.Id));
        Assert.Equal("I feel tense before my talk", (await store.GetAsync(existing.Id))!.Situation);
        Assert.Equal(1, (await store.GetStatsAsync("ana")).Interventions);
    }

    [Fact]
    public async Task Record_InvalidRecordInBatch_StoresNothing()
    {
        var store = await OpenStoreAsync();
        var good = Make("ana", Axis(0));
        var bad = Make("ana", Axis(1)) with { Situation = new string('x', MemoryLimits.MaxTextLength + 1) };

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => store.RecordAsync([good, bad]));

        Assert.Contains("at most", error.Message, StringComparison.Ordinal);
        Assert.Null(await store.GetAsync(good.Id));
    }

    [Theory]
    [InlineData("a*")]
    [InlineData("{x}")]
    [InlineData("a b")]
    [InlineData("")]
    [InlineData("ana?")]
    [InlineData("user[1]")]
    public async Task Record_PatternLikeUserId_IsRejected(string userId)
    {
        var store = await OpenStoreAsync();

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => store.RecordAsync([Make(userId, Axis(0))]));

        Assert.Contains(MemoryIds.Accepted, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await store.GetStatsAsync()).Interventions);
    }

    [Fact]
    public async Task SetOutcome_ExistingRecord_UpdatesOutcomeRatingAndTime()
    {
        var store = await OpenStoreAsync();
        var record = Make("ana", Axis(0));
        await store.RecordAsync([record]);
        Time.Advance(TimeSpan.FromMinutes(5));

        var updated = await store.SetOutcomeAsync(record.Id, InterventionOutcome.NotHelped, 2);

        Assert.NotNull(updated);
        Assert.Equal(InterventionOutcome.NotHelped, updated.Outcome);
        Assert.Equal(2, updated.Rating);
        Assert.Equal(Time.GetUtcNow(), updated.OutcomeAt);
        var loaded = await store.GetAsync(record.Id);
        Assert.Equal(InterventionOutcome.NotHelped, loaded!.Outcome);
        Assert.Equal(2, loaded.Rating);
        Assert.Equal(record.Situation, loaded.Situation);
    }

    [Fact]
    public async Task SetOutcome_UnknownId_ReturnsNull()
    {
        var store = await OpenStoreAsync();

        Assert.Null(await store.SetOutcomeAsync("doesnotexist", InterventionOutcome.Helped, null));
    }

    [Fact]
    public async Task List_ReturnsOnlyThatUser_NewestFirst()
    {
        var store = await OpenStoreAsync();
        var t0 = Time.GetUtcNow();
        await store.RecordAsync(
        [
            Make("ana", Axis(0), createdAt: t0),
            Make("ana", Axis(1), createdAt: t0.AddMinutes(2)),
            Make("ana:b", Axis(2), createdAt: t0.AddMinutes(1)),
            Make("ben", Axis(3), createdAt: t0.AddMinutes(3)),
        ]);

        var list = await store.ListAsync("ana");

        Assert.Equal(2, list.Count);
        Assert.All(list, i => Assert.Equal("ana", i.UserId));
        Assert.True(list[0].CreatedAt > list[1].CreatedAt);
        Assert.Single(await store.ListAsync("ana", limit: 1));
    }

    [Fact]
    public async Task Reflections_AddAndList_NewestFirstPerUser()
    {
        var store = await OpenStoreAsync();
        var now = Time.GetUtcNow();
        await store.AddReflectionAsync(Reflection("ana", "s1", now, "Breathing helped."));
        await store.AddReflectionAsync(Reflection("ana", "s2", now.AddHours(1), "A break helped more."));
        await store.AddReflectionAsync(Reflection("ben", "s1", now, "Nothing helped."));

        var list = await store.ListReflectionsAsync("ana");

        Assert.Equal(["A break helped more.", "Breathing helped."], list.Select(r => r.Summary));
        Assert.Equal(["insight one", "insight two"], list[0].Insights);
        Assert.Equal(3, list[0].InterventionCount);
        Assert.Equal(2, list[0].HelpedCount);
        Assert.Equal(1, list[0].NotHelpedCount);
    }

    [Fact]
    public async Task Profile_SaveAndGet_RoundTripsAndDerivesCounts()
    {
        var store = await OpenStoreAsync();
        var empty = await store.GetProfileAsync("ana");
        Assert.Empty(empty.Preferences);
        Assert.Null(empty.UpdatedAt);
        Assert.Null(empty.LastActivity);

        var now = Time.GetUtcNow();
        await store.SaveProfileAsync(new UserProfile
        {
            UserId = "ana",
            Preferences = new Dictionary<string, string> { ["tone"] = "brief" },
            Facts = ["has exams in June"],
            UpdatedAt = now,
            ExpiresAt = now.AddDays(30),
        });
        await store.RecordAsync(
        [
            Make("ana", Axis(0), kind: "breathing", outcome: InterventionOutcome.Helped),
            Make("ana", Axis(1), kind: "breathing", outcome: InterventionOutcome.NotHelped),
            Make("ana", Axis(2), kind: "break"),
            Make("ben", Axis(3), kind: "break", outcome: InterventionOutcome.Helped),
        ]);

        var profile = await store.GetProfileAsync("ana");

        Assert.Equal("brief", profile.Preferences["tone"]);
        Assert.Equal(["has exams in June"], profile.Facts);
        Assert.Equal(now, profile.UpdatedAt);
        Assert.Equal(new KindOutcomeCounts(2, 1, 1), profile.KindOutcomes["breathing"]);
        Assert.Equal(new KindOutcomeCounts(1, 0, 0), profile.KindOutcomes["break"]);
        Assert.Equal(now, profile.LastActivity);
    }

    [Fact]
    public async Task Stats_CountsPerTypeForStoreAndUser()
    {
        var store = await OpenStoreAsync();
        var now = Time.GetUtcNow();
        await store.RecordAsync(
        [
            Make("ana", Axis(0), outcome: InterventionOutcome.Helped),
            Make("ana", Axis(1), outcome: InterventionOutcome.NotHelped),
            Make("ben", Axis(2)),
        ]);
        await store.AddReflectionAsync(Reflection("ana", "s1", now, "ok"));
        await store.SaveProfileAsync(new UserProfile { UserId = "ben", UpdatedAt = now, ExpiresAt = now.AddDays(30) });

        var all = await store.GetStatsAsync();
        var ana = await store.GetStatsAsync("ana");

        Assert.Equal((2L, 3L, 1L, 1L, 1L, 1L), (all.Users, all.Interventions, all.Helped, all.NotHelped, all.Reflections, all.Profiles));
        Assert.Equal("ana", ana.UserId);
        Assert.Equal((1L, 2L, 1L, 1L, 1L, 0L), (ana.Users, ana.Interventions, ana.Helped, ana.NotHelped, ana.Reflections, ana.Profiles));
    }

    /// <summary>A reflection with fixed insights and counts.</summary>
    protected static SessionReflection Reflection(string userId, string sessionId, DateTimeOffset at, string summary) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        UserId = userId,
        SessionId = sessionId,
        CreatedAt = at,
        Summary = summary,
        Insights = ["insight one", "insight two"],
        InterventionCount = 3,
        HelpedCount = 2,
        NotHelpedCount = 1,
        ExpiresAt = at.AddDays(30),
    };

    private static void AssertSame(Intervention expected, Intervention actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.UserId, actual.UserId);
        Assert.Equal(expected.SessionId, actual.SessionId);
        Assert.Equal(expected.CreatedAt, actual.CreatedAt);
        Assert.Equal(expected.Situation, actual.Situation);
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.Text, actual.Text);
        Assert.Equal(expected.Tool, actual.Tool);
        Assert.Equal(expected.Outcome, actual.Outcome);
        Assert.Equal(expected.Rating, actual.Rating);
        Assert.Equal(expected.OutcomeAt, actual.OutcomeAt);
        Assert.Equal(expected.Scores.OrderBy(p => p.Key), actual.Scores.OrderBy(p => p.Key));
        Assert.Equal(expected.Quality, actual.Quality);
        Assert.Equal(expected.Metadata.OrderBy(p => p.Key), actual.Metadata.OrderBy(p => p.Key));
        Assert.Equal(expected.Embedding.ToArray(), actual.Embedding.ToArray());
        Assert.Equal(expected.EmbeddingModel, actual.EmbeddingModel);
        Assert.Equal(expected.ExpiresAt, actual.ExpiresAt);
    }
}
