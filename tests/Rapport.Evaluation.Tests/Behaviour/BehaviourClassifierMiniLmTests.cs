using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Embeddings;
using Rapport.Sqlite;
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

    [Fact]
    public async Task EvaluateAsync_WithTheSituationsKnownVector_EmbedsOnlyTheResponseAndScoresTheSame()
    {
        using var embedder = LoadOrSkip();
        var ct = TestContext.Current.CancellationToken;
        var counting = new CountingEmbedder(embedder);
        var scorer = new SupportivenessEvaluator(embedder: counting);
        var situation = (await embedder.GenerateAsync([Exam], cancellationToken: ct))[0].Vector;
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "The exam is sitting on your chest, and every night it gets heavier."));
        ChatMessage[] messages = [new(ChatRole.User, Exam)];

        var plain = await scorer.EvaluateAsync(messages, response, cancellationToken: ct);
        Assert.Equal([Exam, response.Text], counting.Texts);
        counting.Texts.Clear();
        var reused = await scorer.EvaluateAsync(messages, response, null, [new KnownEmbeddings(EmbedderIdentity.Of(embedder), [new(Exam, situation)])], ct);
        Assert.Equal([response.Text], counting.Texts);
        Assert.Equal(plain.Get<NumericMetric>(ScorerNames.Supportiveness).Value, reused.Get<NumericMetric>(ScorerNames.Supportiveness).Value);

        // A vector made by another model is never taken for this one's.
        counting.Texts.Clear();
        await scorer.EvaluateAsync(messages, response, null, [new KnownEmbeddings("another-model", [new(Exam, situation)])], ct);
        Assert.Equal([Exam, response.Text], counting.Texts);
    }

    [Fact]
    public async Task AddScorers_WithMiniLmAsRapportsEmbedder_ScoresTurnsWithTheMiniLmModelAndEmbedsEachTextOncePerPurpose()
    {
        using var embedder = LoadOrSkip();
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("rapport-scorers-").FullName;
        try
        {
            var counting = new CountingEmbedder(embedder);
            var services = new ServiceCollection();
            services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(counting);
            services.AddRapport(o => o.UseSqlite(Path.Combine(folder, "rapport.db"))).AddScorers();
            await using var provider = services.BuildServiceProvider();
            var loop = provider.GetRequiredService<Rapport.SelfImprovement.RapportLoop>();
            Assert.Empty(counting.Texts); // building the loop loads no model

            var turn = await loop.PrepareTurnAsync("ana", "s1", Exam, ct);
            var recorded = await loop.CompleteTurnAsync(turn, new ChatResponse(new ChatMessage(ChatRole.Assistant, "Monday keeps coming closer, and you are worn out.")), null, ct);

            // With int8 queries (the default) the situation is embedded as the recall's query and once more as the memory
            // (fp32), which the scorers reuse; with fp32 queries the query's vector serves all three.
            string[] situation = embedder.QuantizedQueries ? [Exam, Exam] : [Exam];
            Assert.Equal([.. situation, "Monday keeps coming closer, and you are worn out."], counting.Texts);
            var metric = recorded.Evaluation.Get<NumericMetric>(ScorerNames.Supportiveness);
            Assert.Equal("minilm", metric.Metadata![SupportivenessEvaluator.ModelMetadata]);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class CountingEmbedder(IEmbeddingGenerator<string, Embedding<float>> inner) : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
    {
        public List<string> Texts { get; } = [];

        public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var list = values.ToList();
            lock (Texts)
            {
                Texts.AddRange(list);
            }

            return base.GenerateAsync(list, options, cancellationToken);
        }
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
