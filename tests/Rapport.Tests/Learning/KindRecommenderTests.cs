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

    // Two sorts of trouble named by one word each ("insomnia", "deadline") inside long everyday fillers that dominate the
    // words. Over 60 users, what helps depends on the sort only (each user's best kind per sort, half of them one way round),
    // so the population's outcomes single out the sort word's direction. Ana's current situation has the sleep word and the
    // filler of her work situations: by its words it is a work situation, by what the population learnt a sleep one.
    [Theory]
    [InlineData(true, "breathing")]
    [InlineData(false, "reframe")]
    public async Task RecommendAsync_SimilarityLearntFromThePopulationsOutcomes_FollowsTheSortNotTheWording(bool learnt, string expected)
    {
        string[] fillers =
        [
            "honestly today everything feels heavy and I am tired of all of it",
            "my whole week went sideways and nothing I try seems to go right anymore",
            "I keep thinking about it on the bus and at lunch and before dinner",
            "so here we are again with the same old story and no end in sight",
            "it started small this morning but now it is all I can think about",
            "everyone around me seems fine and I am the only one falling apart",
        ];
        string[] sorts = ["insomnia", "deadline"];
        await using var f = new LoopFixture(o =>
        {
            o.Learning.Exploration = ExplorationStrategy.None;
            o.Learning.LearnSimilarityFromOutcomes = learnt;
        });
        var random = new Random(7);
        for (var user = 0; user < 60; user++)
        {
            string[] best = user % 2 == 0 ? ["breathing", "reframe"] : ["reframe", "breathing"];
            for (var turn = 0; turn < 12; turn++)
            {
                var sort = (turn + (user / 2)) % 2;
                var kind = Kinds[(turn / 2) % Kinds.Length];
                var outcome = kind == best[sort] ? InterventionOutcome.Helped : InterventionOutcome.NotHelped;
                await f.TurnAsync($"user-{user}", $"{sorts[sort]} {fillers[random.Next(fillers.Length)]}", kind, outcome);
            }
        }

        for (var i = 0; i < 2; i++)
        {
            await f.TurnAsync("ana", $"insomnia {fillers[2 * i]}", "breathing", InterventionOutcome.Helped);
            await f.TurnAsync("ana", $"insomnia {fillers[2 * i]}", "reframe", InterventionOutcome.NotHelped);
            await f.TurnAsync("ana", $"deadline {fillers[1 + (2 * i)]}", "reframe", InterventionOutcome.Helped);
            await f.TurnAsync("ana", $"deadline {fillers[1 + (2 * i)]}", "breathing", InterventionOutcome.NotHelped);
        }

        var recommendation = await RecommendAsync(f, "ana", $"insomnia {fillers[1]}", Kinds);

        Assert.Equal(expected, recommendation.Best.Kind);
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
