using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Rapport.Configuration;
using Rapport.Memory;
using Rapport.Redis.Tests.Fixtures;
using Rapport.SelfImprovement;
using static Rapport.Redis.Tests.Fixtures.TestRecords;

namespace Rapport.Redis.Tests;

/// <summary>Population learning on Redis end to end (the reads' contract is in the conformance suite): a new user's first
/// recommendation starts from every user's outcomes, and one key prefix (a tenant) never reads another's.</summary>
public sealed class RedisPopulationTests(RedisServerFixture server) : IClassFixture<RedisServerFixture>, IDisposable
{
    private readonly TestStoreFactory _stores = new();

    [Fact]
    public async Task PrepareTurn_NewUser_StartsFromThePopulationsRates()
    {
        server.SkipIfUnavailable();
        // The default wiring: the Redis store behind the tracing decorator, where the recommender must still find the capability.
        await using var provider = new ServiceCollection()
            .AddRapport(o =>
            {
                o.Home = _stores.Home;
                o.UseRedis(server.Configuration, r => (r.KeyPrefix, r.Budget) = (_stores.Prefix, TimeSpan.FromSeconds(20)));
            })
            .Services.BuildServiceProvider();
        var loop = provider.GetRequiredService<RapportLoop>();
        for (var i = 0; i < 4; i++)
        {
            var stored = await loop.Memory.RecordAsync(
                new NewIntervention { UserId = $"user-{i}", Situation = "Stressed about work", Kind = "reframe", Text = "Let's look at it another way." },
                TestContext.Current.CancellationToken);
            await loop.Memory.SetOutcomeAsync(stored.Id, InterventionOutcome.Helped, cancellationToken: TestContext.Current.CancellationToken);
        }

        var turn = await loop.PrepareTurnAsync(
            new TurnRequest { UserId = "newcomer", Situation = "Stressed about work", Kinds = ["break", "breathing", "reframe"] },
            TestContext.Current.CancellationToken);

        // "reframe" sorts last, so without the population's rates a tie would put "break" first.
        var best = turn.Recommendation.Best;
        Assert.Equal("reframe", best.Kind);
        Assert.Equal(0, best.Outcomes);
        Assert.Equal(5 / 6.0, best.PopulationRate, 9);
    }

    [Fact]
    public async Task PopulationReads_ANeighbouringKeyPrefix_ReadNothingOfTheOther()
    {
        server.SkipIfUnavailable();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
        var now = time.GetUtcNow();
        await using var mine = _stores.Open(server.Configuration, time);
        await using var theirs = _stores.Open(server.Configuration, time, o => o.KeyPrefix = _stores.Prefix + ":sub");
        await theirs.RecordAsync([Make("ana", Axis(0), now) with { Outcome = InterventionOutcome.Helped }], TestContext.Current.CancellationToken);
        await mine.RecordAsync([Make("ana", Axis(1), now) with { Kind = "reframe", Outcome = InterventionOutcome.NotHelped }], TestContext.Current.CancellationToken);

        var mineCounts = await mine.GetKindOutcomesAsync(TestContext.Current.CancellationToken);
        var theirCounts = await theirs.GetKindOutcomesAsync(TestContext.Current.CancellationToken);
        var mineOutcomes = await mine.GetSituationOutcomesAsync(10, TestContext.Current.CancellationToken);
        var theirOutcomes = await theirs.GetSituationOutcomesAsync(10, TestContext.Current.CancellationToken);

        Assert.Equal(new Dictionary<string, KindOutcomeCounts> { ["reframe"] = new(1, 0, 1) }, mineCounts);
        Assert.Equal(new Dictionary<string, KindOutcomeCounts> { ["breathing"] = new(1, 1, 0) }, theirCounts);
        Assert.Equal([1f], Assert.Single(mineOutcomes).Situation.Span[1..2].ToArray());
        Assert.Equal([1f], Assert.Single(theirOutcomes).Situation.Span[..1].ToArray());
    }

    public void Dispose() => _stores.Dispose();
}
