namespace Rapport.Memory;

/// <summary>How often interventions of one kind helped a user, among those not yet expired.</summary>
/// <param name="Total">All interventions of the kind.</param>
/// <param name="Helped">Those reported as helped.</param>
/// <param name="NotHelped">Those reported as not helped.</param>
public readonly record struct KindOutcomeCounts(int Total, int Helped, int NotHelped)
{
    /// <summary>Gets the interventions with no outcome yet.</summary>
    public int Unknown => Total - Helped - NotHelped;
}
