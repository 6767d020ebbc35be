using Rapport.Memory;
using Rapport.Tests.SelfImprovement;

namespace Rapport.Tests.Context;

public sealed class MemoryContextBuilderTests
{
    // The context a turn gets: built from the turn's one search (PrepareTurnAsync), as every integration sees it.
    private static async Task<Rapport.Context.MemoryContext> ContextAsync(LoopFixture f, string situation) =>
        (await f.Loop.PrepareTurnAsync("ana", null, situation)).Context;

    [Fact]
    public async Task BuildAsync_LowQualitySuccess_NeverAppearsAsPastSuccess()
    {
        await using var f = new LoopFixture();
        var low = await f.TurnAsync("ana", "Exam tomorrow and I panic about the maths exam", "journaling", InterventionOutcome.Helped, "LOWQ rambling answer");
        var good = await f.TurnAsync("ana", "Exam tomorrow and I panic about the exam", "breathing", InterventionOutcome.Helped);

        var context = await ContextAsync(f, "I panic about my exam tomorrow");

        Assert.Equal("true", low.Metadata["rapport.low_quality"]);
        Assert.Equal(0.2, low.Quality);
        Assert.Contains(context.PastSuccesses, i => i.Id == good.Id);
        Assert.DoesNotContain(context.PastSuccesses, i => i.Id == low.Id);
        var successes = context.Text.Split("\n\n")[0];
        Assert.StartsWith("What helped", successes, StringComparison.Ordinal);
        Assert.Contains("breathing", successes, StringComparison.Ordinal);
        Assert.DoesNotContain("journaling", successes, StringComparison.Ordinal);
        Assert.DoesNotContain("maths", context.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildAsync_TwoUsersSameSituation_ContextHoldsOnlyTheUsersOwnText()
    {
        await using var f = new LoopFixture();
        await f.TurnAsync("ana", "Exam tomorrow, I panic (ana-private)", "breathing", InterventionOutcome.Helped);
        await f.TurnAsync("bob", "Exam tomorrow, I panic (bob-private)", "reframe", InterventionOutcome.Helped);
        await f.TurnAsync("bob", "Exam tomorrow, I panic again (bob-private-2)", "journaling", InterventionOutcome.NotHelped);

        var context = await ContextAsync(f, "Exam tomorrow, I panic");

        Assert.Contains("ana-private", context.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("bob", context.Text, StringComparison.Ordinal);
        Assert.All(context.PastSuccesses.Concat(context.ToAvoid), i => Assert.Equal("ana", i.UserId));
    }

    [Fact]
    public async Task BuildAsync_SameState_SameTextWithinBudget()
    {
        await using var f = new LoopFixture(o => o.Context.MaxTokens = 60);
        for (var i = 0; i < 8; i++)
        {
            await f.TurnAsync("ana", $"Work deadline number {i} is crushing me", i % 2 == 0 ? "break" : "movement", i % 3 == 0 ? InterventionOutcome.NotHelped : InterventionOutcome.Helped);
        }

        var first = await ContextAsync(f, "The work deadline is crushing me");
        var second = await ContextAsync(f, "The work deadline is crushing me");

        Assert.Equal(first.Text, second.Text);
        Assert.InRange(first.Tokens, 1, 60);
        Assert.True(first.Truncated);
    }
}
