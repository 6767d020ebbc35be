using Microsoft.Extensions.AI;
using Rapport.Memory;
using Rapport.SelfImprovement;

namespace Rapport.Tests.SelfImprovement;

/// <summary>The turn API: prepare (one embedding, one search), complete (scored, recorded with the prepared vector), end the session.</summary>
public sealed class RapportLoopTests
{
    [Fact]
    public async Task PrepareTurnAsync_UserWithHistory_RecommendsAndBuildsTheContextFromOneEmbeddingAndOneSearch()
    {
        await using var f = new LoopFixture(o => o.Learning.Exploration = Rapport.Learning.ExplorationStrategy.None);
        await f.TurnAsync("ana", "Exam tomorrow and I panic", "breathing", InterventionOutcome.Helped);
        await f.TurnAsync("ana", "Exam tomorrow and I panic", "reframe", InterventionOutcome.NotHelped);
        var (embeddings, searches) = (f.Embeddings.Calls, f.Searches.Searches);

        var turn = await f.Loop.PrepareTurnAsync(new TurnRequest { UserId = "ana", SessionId = "s9", Situation = "Exam tomorrow, panicking", Kinds = ["reframe", "breathing"] });

        Assert.Equal((1, 1), (f.Embeddings.Calls - embeddings, f.Searches.Searches - searches));
        Assert.Equal(2, turn.Hits.Count);
        Assert.Equal("breathing", turn.Recommendation.Best.Kind);
        Assert.Contains("breathing", turn.Context.Text, StringComparison.Ordinal);
        Assert.Equal(new Rapport.Embeddings.HashingEmbeddingGenerator().Embed("Exam tomorrow, panicking"), turn.Embedding.ToArray());
        Assert.Matches("^[0-9a-f]{32}$", turn.Id);
    }

    [Fact]
    public async Task CompleteTurnAsync_Response_IsScoredAndRecordedWithThePreparedEmbeddingWithoutEmbeddingAgain()
    {
        await using var f = new LoopFixture();
        var turn = await f.Loop.PrepareTurnAsync("ana", "s1", "Can't sleep, thoughts racing");
        var embeddings = f.Embeddings.Calls;

        var recorded = await f.Loop.CompleteTurnAsync(turn, new ChatResponse(new ChatMessage(ChatRole.Assistant, "Let's breathe slowly together.")),
            new TurnCompletion { Kind = "breathing" });

        Assert.Equal(embeddings, f.Embeddings.Calls);
        var stored = await f.Memory.GetAsync(recorded.Intervention.Id);
        Assert.NotNull(stored);
        Assert.Equal(("ana", "s1", "breathing", 0.9), (stored.UserId, stored.SessionId, stored.Kind, stored.Quality));
        Assert.Equal(1, stored.Scores["brevity"]);
        Assert.Equal(turn.Embedding.ToArray(), stored.Embedding.ToArray());
        Assert.False(recorded.IsLowQuality);
    }

    [Fact]
    public async Task CompleteTurnAsync_HandsTheScorersThePreparedVectorOfTheSituation_SoTheyNeedNotEmbedItAgain()
    {
        await using var f = new LoopFixture();
        var scorer = new ContextCapturingScorer();
        var loop = new RapportLoop(f.Memory, [scorer], timeProvider: f.Time);
        var turn = await loop.PrepareTurnAsync("ana", "s1", "Can't sleep, thoughts racing");

        await loop.CompleteTurnAsync(turn, new ChatResponse(new ChatMessage(ChatRole.Assistant, "Let's breathe slowly together.")));

        var known = Rapport.Embeddings.KnownEmbeddings.In(scorer.Context);
        Assert.NotNull(known);
        Assert.True(known.TryGet(f.Memory.EmbeddingModel, "Can't sleep, thoughts racing", out var vector));
        Assert.Equal(turn.Embedding.ToArray(), vector.ToArray());
        Assert.False(known.TryGet("another-model", "Can't sleep, thoughts racing", out _));
        Assert.DoesNotContain("sleep", string.Concat(known.Contents.OfType<TextContent>().Select(c => c.Text)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompleteTurnAsync_NoKindAnywhere_RecordsTheDefaultKind_AndAnInvalidKindStoresNothing()
    {
        await using var f = new LoopFixture(o => o.DefaultKind = "check-in");
        var turn = await f.Loop.PrepareTurnAsync("ana", null, "Rough day");
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "That sounds hard."));

        await Assert.ThrowsAnyAsync<ArgumentException>(() => f.Loop.CompleteTurnAsync(turn, response, new TurnCompletion { Kind = "two words" }));
        var recorded = await f.Loop.CompleteTurnAsync(turn, response);

        Assert.Equal("check-in", recorded.Intervention.Kind);
        Assert.Single(await f.Memory.ListAsync("ana"));
    }

    [Theory]
    [InlineData("", "s1", "Rough day")]
    [InlineData("ana bob", "s1", "Rough day")]
    [InlineData("ana", "s 1", "Rough day")]
    [InlineData("ana", "s1", "  ")]
    public async Task PrepareTurnAsync_BadInput_IsRejectedBeforeTheEmbedder(string user, string session, string situation)
    {
        await using var f = new LoopFixture();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => f.Loop.PrepareTurnAsync(user, session, situation));

        Assert.Equal(0, f.Embeddings.Calls);
    }

    [Fact]
    public async Task EndSessionAsync_Session_ReturnsTheStoredReflectionAndTheSavedProfile()
    {
        await using var f = new LoopFixture();
        await f.TurnAsync("ana", "Presentation tomorrow, hands shaking", "breathing", InterventionOutcome.Helped, session: "s1");

        var ended = await f.Loop.EndSessionAsync("ana", "s1");

        Assert.Equal(ended.Reflection.Id, Assert.Single(await f.Memory.ListReflectionsAsync("ana")).Id);
        Assert.Equal((await f.Memory.GetProfileAsync("ana")).Preferences, ended.Profile.Preferences);
    }
}
