namespace Rapport.Evaluation.Behaviour;

/// <summary>The predicted behaviour code of one turn, the probability of every code, and which model ran.</summary>
/// <param name="Code">The most probable code.</param>
/// <param name="Probabilities">The probability of each code, indexed by <see cref="BehaviourCode"/>; they sum to 1.</param>
/// <param name="Model">The model that produced the prediction.</param>
public sealed record BehaviourPrediction(BehaviourCode Code, IReadOnlyList<double> Probabilities, BehaviourModelKind Model)
{
    /// <summary>Returns the probability of <paramref name="code"/>.</summary>
    public double Probability(BehaviourCode code) => Probabilities[(int)code];

    /// <summary>Gets the supportiveness implied by the code probabilities (<see cref="BehaviourSupport"/>), in 0..1.</summary>
    public double Supportiveness => BehaviourSupport.Score(Probabilities);
}
