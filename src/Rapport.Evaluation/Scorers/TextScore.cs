namespace Rapport.Evaluation.Scorers;

/// <summary>A score in 0..1 with the short reason for it.</summary>
/// <param name="Value">The score in 0..1.</param>
/// <param name="Reason">Why, in a few words.</param>
public readonly record struct TextScore(double Value, string Reason);
