using Microsoft.Extensions.AI;
using Rapport.Evaluation.Datasets;

namespace Rapport.Evaluation.Targets;

/// <summary>Anything that produces a response for an evaluation case: a chat client with a prompt, recorded transcripts, an agent.</summary>
/// <remarks>
/// Implementations must be safe to call concurrently for different cases (runs are parallel). A failure for one
/// case is thrown from <see cref="RespondAsync"/> and recorded against that case; the run goes on.
/// </remarks>
public interface IEvaluationTarget
{
    /// <summary>Gets a human-readable description shown in run lists (for example <c>chat:gpt-4o-mini</c>).</summary>
    string Description { get; }

    /// <summary>Gets a hash of everything that configures the target; equal hashes mean the same variant.</summary>
    string ConfigurationHash { get; }

    /// <summary>Produces the response to <paramref name="evaluationCase"/>.</summary>
    ValueTask<ChatResponse> RespondAsync(EvaluationCase evaluationCase, CancellationToken cancellationToken = default);
}
