namespace Rapport.Storage;

/// <summary>Counts of live records in a store, or of one user's records.</summary>
public sealed record MemoryStats
{
    /// <summary>Gets the user counted, or <see langword="null"/> for the whole store.</summary>
    public string? UserId { get; init; }

    /// <summary>Gets the number of distinct users with live records.</summary>
    public long Users { get; init; }

    /// <summary>Gets the number of live interventions.</summary>
    public long Interventions { get; init; }

    /// <summary>Gets the number of live interventions with a reported outcome of helped.</summary>
    public long Helped { get; init; }

    /// <summary>Gets the number of live interventions with a reported outcome of not helped.</summary>
    public long NotHelped { get; init; }

    /// <summary>Gets the number of live session reflections.</summary>
    public long Reflections { get; init; }

    /// <summary>Gets the number of live saved profiles.</summary>
    public long Profiles { get; init; }
}
