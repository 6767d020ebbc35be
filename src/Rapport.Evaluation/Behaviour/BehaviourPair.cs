namespace Rapport.Evaluation.Behaviour;

/// <summary>One helper turn and the person's message just before it (<see langword="null"/> when unknown).</summary>
/// <param name="Previous">What the person said just before the turn, or <see langword="null"/>.</param>
/// <param name="Turn">The helper's turn.</param>
public sealed record BehaviourPair(string? Previous, string Turn);
