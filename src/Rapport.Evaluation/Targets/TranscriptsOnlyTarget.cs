using Microsoft.Extensions.AI;
using Rapport.Evaluation.Datasets;

namespace Rapport.Evaluation.Targets;

/// <summary>The target of a dataset made only of recorded conversations (<see cref="EvaluationCase.Transcript"/>): nothing is asked.</summary>
/// <remarks>The runner scores transcript cases without calling a target; any other case fails with a clear error. Thread-safe.</remarks>
public sealed class TranscriptsOnlyTarget : IEvaluationTarget
{
    /// <inheritdoc/>
    public string Description => "transcripts";

    /// <inheritdoc/>
    public string ConfigurationHash => "transcripts";

    /// <inheritdoc/>
    public ValueTask<ChatResponse> RespondAsync(EvaluationCase evaluationCase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evaluationCase);
        throw new InvalidOperationException($"Case '{evaluationCase.Id}' is not a transcript, and there is no target to answer it.");
    }
}
