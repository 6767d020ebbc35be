using Rapport.Learning;
using Rapport.Memory;
using Rapport.SelfImprovement;
using Rapport.Tests.SelfImprovement;

namespace Rapport.Tests.Learning;

public sealed class KindRecommenderTests
{
    private static readonly string[] Kinds = ["breathing", "break", "reframe"];

    // The recommendation a turn gets: from the turn's one search (PrepareTurnAsync), as every integration sees it.
    private static async Task<Recommendation> RecommendAsync(LoopFixture f, string user, string situation, string[] kinds) =>
        (await f.Loop.PrepareTurnAsync(new TurnRequest { UserId = user, Situation = situation, Kinds = kinds })).Recommendation;

    [Fact]
    public async Task RecommendAsync_AfterOutcomesInSimilarSituations_RanksWhatHelpedFirstWithEvidence()
    {
        await using var f = new LoopFixture(o => o.Learning.Exploration = ExplorationStrategy.None);
        for (var i = 0; i < 3; i++)
        {
            await f.TurnAsync("ana", "I can't sleep, my thoughts are racing at night", "breathing", InterventionOutcome.Helped);
            await f.TurnAsync("ana", "I can't sleep, my thoughts are racing at night", "reframe", InterventionOutcome.NotHelped);
        }

        var recommendation = await RecommendAsync(f, "ana", "Thoughts racing at night again, I can't sleep", Kinds);

        Assert.Equal("breathing", recommendation.Best.Kind);
        Assert.Equal("reframe", recommendation.Ranked[^1].Kind);
        Assert.Equal(3, recommendation.Best.Outcomes);
        Assert.NotEmpty(recommendation.Best.SimilarCases);
        Assert.True(recommendation.Best.Expected > 0.6);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RecommendAsync_WhatHelpedInAnotherKindOfSituation_CountsLittle(bool centered)
    {
        await using var f = new LoopFixture(o =>
        {
            o.Learning.Exploration = ExplorationStrategy.None;
            o.Learning.CenterSimilarities = centered;
            o.Learning.SimilarityMidpoint = centered ? 0.1 : 0.3;
        });
        string[] sleep = ["I can't sleep, my thoughts are racing at night", "Awake at night again, racing thoughts, no sleep"];
        string[] work = ["My boss piled three more reports on my desk today", "Too many reports from my boss on my desk"];
        for (var i = 0; i < 3; i++)
        {
            await f.TurnAsync("ana", sleep[i % 2], "breathing", InterventionOutcome.Helped);
            await f.TurnAsync("ana", sleep[i % 2], "reframe", InterventionOutcome.NotHelped);
            await f.TurnAsync("ana", work[i % 2], "reframe", InterventionOutcome.Helped);
            await f.TurnAsync("ana", work[i % 2], "breathing", InterventionOutcome.NotHelped);
        }

        var atNight = await RecommendAsync(f, "ana", "Racing thoughts at night and I can't sleep", Kinds);
        var atWork = await RecommendAsync(f, "ana", "My boss dropped more reports on my desk", Kinds);

        Assert.Equal("breathing", atNight.Best.Kind);
        Assert.Equal("reframe", atWork.Best.Kind);
        Assert.True(atWork.Best.Expected > 0.6, $"expected {atWork.Best.Expected}");
    }

    [Fact]
    public async Task RecommendAsync_NewUser_StartsFromThePopulationsRates()
    {
        await using var f = new LoopFixture(o => o.Learning.Exploration = ExplorationStrategy.None);
        for (var i = 0; i < 4; i++)
        {
            await f.TurnAsync($"user-{i}", "Stressed about work", "reframe", InterventionOutcome.Helped);
        }

        var recommendation = await RecommendAsync(f, "newcomer", "Stressed about work", Kinds);

        // "reframe" sorts last: only the population's rates can put it first (a tie would pick "break").
        Assert.Equal("reframe", recommendation.Best.Kind);
        Assert.True(recommendation.Best.PopulationRate > 0.5, $"population rate {recommendation.Best.PopulationRate}");
        Assert.Equal(0, recommendation.Best.Outcomes);
        Assert.Empty(recommendation.Best.SimilarCases);
    }

    [Fact]
    public async Task RecommendAsync_ThompsonWithSeed_IsReproducible()
    {
        var rankings = new List<string>();
        for (var run = 0; run < 2; run++)
        {
            await using var f = new LoopFixture(o =>
            {
                o.Learning.Exploration = ExplorationStrategy.ThompsonSampling;
                o.Learning.Seed = 42;
            });
            await f.TurnAsync("ana", "Stressed about work", "break", InterventionOutcome.Helped);
            var order = new List<string>();
            for (var i = 0; i < 5; i++)
            {
                order.Add((await RecommendAsync(f, "ana", "Stressed about work", Kinds)).Best.Kind);
            }

            rankings.Add(string.Join(",", order));
        }

        Assert.Equal(rankings[0], rankings[1]);
    }
}
