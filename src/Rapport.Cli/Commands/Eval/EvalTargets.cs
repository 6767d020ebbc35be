using Rapport.Evaluation.Targets;

namespace Rapport.Cli.Commands.Eval;

/// <summary>Turns a <c>--target</c> value into an evaluation target.</summary>
internal static class EvalTargets
{
    /// <summary>What <c>--target</c> accepts, for help and errors.</summary>
    public const string Accepted = "recorded:<responses.jsonl> (or a path to a .jsonl file of recorded responses)";

    /// <exception cref="ArgumentException">The value names no known kind of target.</exception>
    public static async Task<IEvaluationTarget> OpenAsync(string spec, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        if (spec.StartsWith("recorded:", StringComparison.OrdinalIgnoreCase))
        {
            return await RecordedResponsesTarget.LoadAsync(spec["recorded:".Length..], cancellationToken);
        }

        if (spec.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            return await RecordedResponsesTarget.LoadAsync(spec, cancellationToken);
        }

        throw new ArgumentException(
            $"Invalid --target '{spec}': use {Accepted}. Chat-model targets are available from the library (ChatClientTarget) " +
            "until the CLI gets a chat client configuration.");
    }
}
