namespace Rapport.Memory;

/// <summary>What became of an intervention, as far as the user told us.</summary>
public enum InterventionOutcome
{
    /// <summary>No outcome has been reported yet.</summary>
    Unknown = 0,

    /// <summary>The user reported that the intervention helped.</summary>
    Helped = 1,

    /// <summary>The user reported that the intervention did not help.</summary>
    NotHelped = 2,
}
