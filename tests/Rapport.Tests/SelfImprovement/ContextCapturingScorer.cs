using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Rapport.Tests.SelfImprovement;

/// <summary>A scorer that keeps the additional context a turn hands it (for example the situation's embedding) and scores 0.9.</summary>
internal sealed class ContextCapturingScorer : IEvaluator
{
    public IReadOnlyList<EvaluationContext>? Context { get; private set; }

    public IReadOnlyCollection<string> EvaluationMetricNames => ["quality"];

    public ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages, ChatResponse modelResponse, ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null, CancellationToken cancellationToken = default)
    {
        Context = additionalContext?.ToList();
        return ValueTask.FromResult(new EvaluationResult(new NumericMetric("quality", 0.9)));
    }
}
