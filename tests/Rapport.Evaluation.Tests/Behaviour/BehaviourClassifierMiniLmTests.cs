using Rapport.Embeddings.Onnx;
using Rapport.Evaluation.Behaviour;
using Rapport.Evaluation.Scorers;

namespace Rapport.Evaluation.Tests.Behaviour;

// The MiniLM behaviour model over the real local embedder. Pairs written for these tests, not taken from any dataset.
public sealed class BehaviourClassifierMiniLmTests
{
    private const string Exam = "I can't sleep because my exam is on Monday and I keep panicking about failing it.";

    [Fact]
    public async Task ClassifyAsync_WithMiniLm_RunsTheEmbeddingModelAndOrdersBehaviours()
    {
        using var embedder = LoadOrSkip();
        var classifier = new BehaviourClassifier(embedder);
        var ct = TestContext.Current.CancellationToken;

        var predictions = await classifier.ClassifyAsync(
        [
            new BehaviourPair(Exam, "The exam is sitting on your chest, and every night it gets heavier."),
            new BehaviourPair(Exam, "What would help you feel a little more ready by Monday?"),
            new BehaviourPair(Exam, "You should put your phone away and go to bed at ten."),
        ], ct);

        Assert.Equal(BehaviourModelKind.MiniLm, classifier.Model);
        Assert.All(predictions, p => Assert.Equal(BehaviourModelKind.MiniLm, p.Model));
        Assert.True(BehaviourCodes.IsReflection(predictions[0].Code), predictions[0].Code.ToString());
        Assert.Equal(BehaviourCode.OpenQuestion, predictions[1].Code);
        Assert.Equal(BehaviourCode.AdviceWithoutPermission, predictions[2].Code);
        Assert.True(predictions[0].Supportiveness > predictions[2].Supportiveness + 0.3);
        var single = await classifier.ClassifyAsync(Exam, "What would help you feel a little more ready by Monday?", ct);
        Assert.Equal(predictions[1].Probabilities, single.Probabilities);
    }

    [Fact]
    public async Task SupportivenessEvaluator_WithMiniLm_SaysSoInTheReason()
    {
        using var embedder = LoadOrSkip();
        var scorer = new SupportivenessEvaluator(embedder: embedder);

        var (score, behaviour) = await scorer.ScoreAsync("Worn out, and Monday keeps coming closer.", Exam, TestContext.Current.CancellationToken);

        Assert.Equal(BehaviourModelKind.MiniLm, behaviour!.Model);
        Assert.Contains("MiniLM model", score.Reason, StringComparison.Ordinal);
    }

    private static MiniLmEmbeddingGenerator LoadOrSkip()
    {
        if (!new ModelFiles(ModelLocation.ResolveModelDirectory()).Exist)
        {
            Assert.Skip($"The MiniLM model is not in {ModelLocation.ResolveModelDirectory()}; build the repository once (it fetches the model).");
        }

        return MiniLmEmbeddingGenerator.Load();
    }
}
