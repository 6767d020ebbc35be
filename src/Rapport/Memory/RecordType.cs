namespace Rapport.Memory;

/// <summary>The types of record a memory store keeps, each with its own retention.</summary>
public enum RecordType
{
    /// <summary>An <see cref="Intervention"/>.</summary>
    Intervention,

    /// <summary>A <see cref="SessionReflection"/>.</summary>
    Reflection,

    /// <summary>The stored part of a <see cref="UserProfile"/>.</summary>
    Profile,
}
