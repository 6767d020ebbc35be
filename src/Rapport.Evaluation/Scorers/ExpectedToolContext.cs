using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Rapport.Evaluation.Scorers;

/// <summary>Tells <see cref="ToolUsageEvaluator"/> which tool a turn should call, or that it should call none.</summary>
/// <remarks>Immutable. <see cref="ToolName"/> is <see langword="null"/> when the turn should call no tool.</remarks>
public sealed class ExpectedToolContext : EvaluationContext
{
    /// <summary>The name of this context in evaluation results.</summary>
    public const string ContextName = "Expected tool";

    /// <summary>Creates the expectation: <paramref name="toolName"/> with <paramref name="requiredArguments"/>, or no tool.</summary>
    public ExpectedToolContext(string? toolName, IReadOnlyList<string>? requiredArguments = null)
        : base(ContextName, Describe(toolName, requiredArguments))
    {
        ToolName = string.IsNullOrWhiteSpace(toolName) ? null : toolName;
        RequiredArguments = requiredArguments ?? [];
    }

    /// <summary>Gets the tool the turn should call, or <see langword="null"/> when it should call none.</summary>
    public string? ToolName { get; }

    /// <summary>Gets the argument names the call must carry with non-empty values.</summary>
    public IReadOnlyList<string> RequiredArguments { get; }

    /// <summary>An expectation that no tool is called.</summary>
    public static ExpectedToolContext None { get; } = new(null);

    private static TextContent Describe(string? toolName, IReadOnlyList<string>? required) =>
        new(string.IsNullOrWhiteSpace(toolName)
            ? "no tool call"
            : required is { Count: > 0 } ? $"{toolName}({string.Join(", ", required)})" : toolName);
}
