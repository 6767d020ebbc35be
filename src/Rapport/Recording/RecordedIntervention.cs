using Microsoft.Extensions.AI.Evaluation;
using Rapport.Memory;

namespace Rapport.Recording;

/// <summary>An intervention as recorded, with the evaluation it was scored by.</summary>
/// <param name="Intervention">The stored intervention (scores and quality included).</param>
/// <param name="Evaluation">Every metric the scorers reported, including failed ones with their diagnostics.</param>
/// <param name="IsLowQuality">Whether its quality is below the threshold (it is kept, but never shown as a past success).</param>
public sealed record RecordedIntervention(Intervention Intervention, EvaluationResult Evaluation, bool IsLowQuality);
