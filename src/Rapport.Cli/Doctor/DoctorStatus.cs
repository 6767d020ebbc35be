namespace Rapport.Cli.Doctor;

/// <summary>The result of one doctor check.</summary>
internal enum DoctorStatus
{
    /// <summary>Works as configured.</summary>
    Ok,

    /// <summary>Works, but not as well as it could (for example the hashing fallback); the fix says how to improve it.</summary>
    Warn,

    /// <summary>Does not work; the fix says how to repair it.</summary>
    Fail,
}
