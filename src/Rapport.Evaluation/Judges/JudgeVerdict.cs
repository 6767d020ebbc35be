namespace Rapport.Evaluation.Judges;

/// <summary>What a judge concluded: a score in 0..1 and its reason.</summary>
/// <param name="Score">The normalized score in 0..1.</param>
/// <param name="Reason">The judge's short reason.</param>
public sealed record JudgeVerdict(double Score, string Reason);
