using Rapport.Evaluation.Datasets;
using Rapport.Evaluation.Targets;

namespace Rapport.Cli.Commands.Eval;

/// <summary>Turns a <c>--target</c> value into an evaluation target.</summary>
internal static class EvalTargets
{
    /// <summary>What <c>--target</c> accepts, for help and errors.</summary>
    public const string Accepted = "recorded:<responses.jsonl> (or a path to a .jsonl file of recorded responses)";

    /// <summary>Opens the target named by <paramref name="spec"/>; without one, a dataset made only of transcripts needs none.</summary>
    /// <exception cref="ArgumentException">The value names no known kind of target, or none is given for cases that need one.</exception>
    public static async Task<IEvaluationTarget> OpenAsync(string? spec, EvaluationDataset dataset, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(spec))
        {
            var needing = dataset.Cases.Count(c => c.Transcript.Count == 0);
            return needing == 0 ? new TranscriptsOnlyTarget() : throw new ArgumentException(
                $"--target is required: {needing} case(s) of dataset '{dataset.Name}' are not transcripts and need something to answer them ({Accepted}).");
        }

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
