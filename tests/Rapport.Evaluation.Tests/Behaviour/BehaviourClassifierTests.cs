using Rapport.Embeddings;
using Rapport.Evaluation.Behaviour;

namespace Rapport.Evaluation.Tests.Behaviour;

// Pairs written for these tests, not taken from any dataset.
public sealed class BehaviourClassifierTests
{
    private const string Snapping = "I keep snapping at my kids when I'm exhausted, and then I feel awful about it all evening.";

    [Theory]
    [InlineData(Snapping, "You snap at them when you're worn out, and the guilt stays with you all evening.", BehaviourCode.SimpleReflection, BehaviourCode.ComplexReflection)]
    [InlineData(Snapping, "What usually happens just before you snap?", BehaviourCode.OpenQuestion, BehaviourCode.OpenQuestion)]
    [InlineData(Snapping, "Is it every evening?", BehaviourCode.ClosedQuestion, BehaviourCode.ClosedQuestion)]
    [InlineData(Snapping, "You should go to bed earlier and stop taking work home.", BehaviourCode.AdviceWithoutPermission, BehaviourCode.PersuadeConfront)]
    [InlineData("What should I do? Any tips for the evenings?", "Some parents take five quiet minutes alone when they get home, before the evening starts.", BehaviourCode.AdviceWithPermission, BehaviourCode.AdviceWithPermission)]
    public void ClassifyLexical_ClearCases_PicksTheExpectedCode(string previous, string turn, BehaviourCode expected, BehaviourCode alsoAccepted)
    {
        var prediction = BehaviourClassifier.ClassifyLexical(previous, turn);

        Assert.True(prediction.Code == expected || prediction.Code == alsoAccepted, $"{prediction.Code} for \"{turn}\"");
        Assert.Equal(BehaviourModelKind.Lexical, prediction.Model);
        Assert.Equal(1.0, prediction.Probabilities.Sum(), 9);
        Assert.Equal(prediction.Probabilities.Max(), prediction.Probability(prediction.Code));
    }

    [Fact]
    public void ClassifyLexical_SameAdviceAskedForOrNot_OnlyTheUnaskedOneIsWithoutPermission()
    {
        const string Advice = "Try writing the three things down tonight, then leave them on the desk.";

        var asked = BehaviourClassifier.ClassifyLexical("Any ideas what I could do about the racing thoughts at night?", Advice);
        var unasked = BehaviourClassifier.ClassifyLexical("My thoughts race every night and I lie there for hours.", Advice);

        Assert.True(asked.Probability(BehaviourCode.AdviceWithPermission) > unasked.Probability(BehaviourCode.AdviceWithPermission));
        Assert.True(unasked.Probability(BehaviourCode.AdviceWithoutPermission) > asked.Probability(BehaviourCode.AdviceWithoutPermission));
        Assert.True(asked.Supportiveness > unasked.Supportiveness, $"{asked.Supportiveness} vs {unasked.Supportiveness}");
    }

    [Fact]
    public async Task Constructor_HashingFallbackOrNoEmbedder_RunsTheLexicalModelAndSaysWhy()
    {
        using var hashing = new HashingEmbeddingGenerator();
        var withHashing = new BehaviourClassifier(hashing);
        var without = new BehaviourClassifier();

        Assert.Equal(BehaviourModelKind.Lexical, withHashing.Model);
        Assert.Contains("hashing fallback", withHashing.ModelNote, StringComparison.Ordinal);
        Assert.Contains("no embedder", without.ModelNote, StringComparison.Ordinal);
        var prediction = await withHashing.ClassifyAsync(Snapping, "Worn out.", TestContext.Current.CancellationToken);
        Assert.Equal(BehaviourModelKind.Lexical, prediction.Model);
        Assert.Equal(BehaviourClassifier.ClassifyLexical(Snapping, "Worn out.").Probabilities, prediction.Probabilities);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("😊😊")]
    [InlineData("Je suis très fatigué ce soir.")]
    public void ClassifyLexical_EmptyEmojiOrOtherLanguage_StillGivesADistribution(string turn)
    {
        var prediction = BehaviourClassifier.ClassifyLexical(null, turn);

        Assert.Equal(BehaviourCodes.Count, prediction.Probabilities.Count);
        Assert.Equal(1.0, prediction.Probabilities.Sum(), 9);
    }

    [Fact]
    public void Codes_RoundTripTheirSnakeCaseNames()
    {
        foreach (var code in BehaviourCodes.All)
        {
            Assert.True(BehaviourCodes.TryParse(BehaviourCodes.Name(code), out var parsed));
            Assert.Equal(code, parsed);
        }

        Assert.False(BehaviourCodes.TryParse("reflection", out _));
    }
}
