using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Rapport.Evaluation.Scorers;

/// <summary>Scores whether a turn called the right tool with valid arguments, or none when none was needed.</summary>
/// <remarks>
/// Needs an <see cref="ExpectedToolContext"/> in the additional context; without one the metric has no value and an
/// informational diagnostic (it is not applicable, and <see cref="QualityEvaluator"/> leaves it out). Scores: the
/// expected call with valid arguments 1; the expected tool with missing arguments 0.5; the expected tool plus
/// others 0.75; a wrong tool, no call when one was expected, or a call when none was, 0. Thread-safe.
/// </remarks>
public sealed class ToolUsageEvaluator : IEvaluator
{
    private readonly double _passThreshold;

    /// <summary>Creates the scorer; a turn fails below <paramref name="passThreshold"/>.</summary>
    public ToolUsageEvaluator(double passThreshold = 0.6)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(passThreshold, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(passThreshold, 1);
        _passThreshold = passThreshold;
    }

    /// <inheritdoc/>
    public IReadOnlyCollection<string> EvaluationMetricNames { get; } = [ScorerNames.ToolUsage];

    /// <summary>Scores the calls in <paramref name="response"/> against <paramref name="expected"/>.</summary>
    public static TextScore Score(ChatResponse response, ExpectedToolContext expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(expected);
        var calls = new List<FunctionCallContent>();
        foreach (var message in response.Messages)
        {
            foreach (var content in message.Contents)
            {
                if (content is FunctionCallContent call)
                {
                    calls.Add(call);
                }
            }
        }

        if (expected.ToolName is null)
        {
            return calls.Count == 0
                ? new TextScore(1, "no tool needed, none called")
                : new TextScore(0, $"no tool needed, but called {string.Join(", ", calls.Select(c => c.Name))}");
        }

        if (calls.Count == 0)
        {
            return new TextScore(0, $"expected {expected.ToolName}, no tool called");
        }

        var match = calls.Find(c => string.Equals(c.Name, expected.ToolName, StringComparison.Ordinal));
        if (match is null)
        {
            return new TextScore(0, $"expected {expected.ToolName}, called {string.Join(", ", calls.Select(c => c.Name))}");
        }

        var missing = expected.RequiredArguments.Where(a => !HasValue(match, a)).ToList();
        if (missing.Count > 0)
        {
            return new TextScore(0.5, $"called {match.Name} without {string.Join(", ", missing)}");
        }

        return calls.Count == 1
            ? new TextScore(1, $"called {match.Name} with valid arguments")
            : new TextScore(0.75, $"called {match.Name}, plus {calls.Count - 1} other call(s)");
    }

    /// <inheritdoc/>
    public ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(modelResponse);
        var expected = additionalContext?.OfType<ExpectedToolContext>().FirstOrDefault();
        if (expected is null)
        {
            var metric = new NumericMetric(ScorerNames.ToolUsage, value: null, reason: "not applicable: no expected tool given");
            metric.AddDiagnostics(EvaluationDiagnostic.Informational(
                $"{nameof(ToolUsageEvaluator)} needs an {nameof(ExpectedToolContext)}; none was given, so tool usage was not scored."));
            return new(new EvaluationResult(metric));
        }

        var score = Score(modelResponse, expected);
        return new(new EvaluationResult(
            ScoreInterpretation.CreateMetric(ScorerNames.ToolUsage, score.Value, score.Reason, _passThreshold)));
    }

    private static bool HasValue(FunctionCallContent call, string argument)
    {
        if (call.Arguments is null || !call.Arguments.TryGetValue(argument, out var value) || value is null)
        {
            return false;
        }

        return value switch
        {
            string s => !string.IsNullOrWhiteSpace(s),
            JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => false,
            JsonElement { ValueKind: JsonValueKind.String } e => !string.IsNullOrWhiteSpace(e.GetString()),
            _ => true,
        };
    }
}
