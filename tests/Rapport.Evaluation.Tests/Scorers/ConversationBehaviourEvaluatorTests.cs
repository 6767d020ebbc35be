using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Rapport.Evaluation;
using Rapport.Evaluation.Behaviour;
using Rapport.Evaluation.Scorers;

namespace Rapport.Evaluation.Tests.Scorers;

// A self-written conversation, not taken from any dataset.
public sealed class ConversationBehaviourEvaluatorTests
{
    private static readonly ChatMessage[] Conversation =
    [
        new(ChatRole.User, "Work has been brutal. I stay late every day and I still feel behind."),
        new(ChatRole.Assistant, "Long days, and still the feeling of never catching up."),
        new(ChatRole.User, "Yeah. And my partner is annoyed I'm never home."),
        new(ChatRole.Assistant, "What would need to change for you to leave on time?"),
        new(ChatRole.User, "I don't know. Maybe if my boss stopped adding things at five."),
        new(ChatRole.Assistant, "You should tell your boss no and go home at five."),
        new(ChatRole.User, "That's easy to say."),
    ];

    [Fact]
    public async Task EvaluateAsync_ScoresEveryAgentTurnAndReportsEachIndicator()
    {
        var scorer = new ConversationBehaviourEvaluator();
        var ct = TestContext.Current.CancellationToken;

        var result = await scorer.EvaluateAsync(Conversation[..^2], new ChatResponse(Conversation[^2]), cancellationToken: ct);

        var mean = result.Get<NumericMetric>(ScorerNames.ConversationSupportiveness);
        Assert.Equal(3, mean.Metadata!.Keys.Count(k => k.StartsWith("turn_", StringComparison.Ordinal)));
        var codes = Enumerable.Range(1, 3).Select(i => mean.Metadata[$"turn_{i}"].Split(' ')[0]).ToList();
        var expected = ConversationBehaviourEvaluator.AgentTurns(Conversation[..^1])
            .Select(p => BehaviourCodes.Name(BehaviourClassifier.ClassifyLexical(p.Previous, p.Turn).Code)).ToList();
        Assert.Equal(expected, codes);
        var reflections = codes.Count(c => c.EndsWith("_reflection", StringComparison.Ordinal));
        var questions = codes.Count(c => c.EndsWith("_question", StringComparison.Ordinal));
        Assert.Equal(Math.Round((double)reflections / Math.Max(questions, 1), 4), result.Get<NumericMetric>(ScorerNames.ReflectionToQuestionRatio).Value);
        Assert.Equal(Math.Round(reflections / 3.0, 4), result.Get<NumericMetric>(ScorerNames.ReflectionShare).Value);
        Assert.Equal(Math.Round(codes.Count(c => c == "advice_without_permission") / 3.0, 4), result.Get<NumericMetric>(ScorerNames.AdviceWithoutPermissionShare).Value);
        Assert.Equal(scorer.EvaluationMetricNames.Order(), result.Metrics.Keys.Order());
    }

    [Fact]
    public void AgentTurns_PairEachAgentTurnWithThePersonsMessagesSinceTheLastOne()
    {
        var pairs = ConversationBehaviourEvaluator.AgentTurns(
        [
            new(ChatRole.System, "You are a coach."),
            new(ChatRole.User, "First."),
            new(ChatRole.User, "Second."),
            new(ChatRole.Assistant, "One."),
            new(ChatRole.Assistant, "Two."),
        ]);

        Assert.Equal([new BehaviourPair("First. Second.", "One."), new BehaviourPair("First. Second.", "Two.")], pairs);
    }

    [Fact]
    public async Task EvaluateAsync_NoAgentTurn_FailsEveryMetricAndSaysWhy()
    {
        var result = await new ConversationBehaviourEvaluator().EvaluateAsync(
            [new ChatMessage(ChatRole.User, "Hello?")], new ChatResponse([]), cancellationToken: TestContext.Current.CancellationToken);

        Assert.All(result.Metrics.Values, m => Assert.Contains("no agent turn", m.Reason, StringComparison.Ordinal));
        Assert.All(result.Metrics.Values, m => Assert.True(m.Interpretation!.Failed));
    }

    [Fact]
    public async Task EvaluateAsync_NoReflection_ComplexShareIsNotApplicable()
    {
        var result = await new ConversationBehaviourEvaluator().EvaluateAsync(
            [new ChatMessage(ChatRole.User, "I can't decide whether to quit.")],
            new ChatResponse(new ChatMessage(ChatRole.Assistant, "Have you told your manager?")),
            cancellationToken: TestContext.Current.CancellationToken);

        var complex = result.Get<NumericMetric>(ScorerNames.ComplexReflectionShare);
        Assert.Null(complex.Value);
        Assert.DoesNotContain(complex.Diagnostics!, d => d.Severity == EvaluationDiagnosticSeverity.Error);
    }
}
