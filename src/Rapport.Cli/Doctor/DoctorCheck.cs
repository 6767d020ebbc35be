namespace Rapport.Cli.Doctor;

/// <summary>One thing <c>rapport doctor</c> checked.</summary>
/// <param name="Name">What was checked, for example <c>store</c>.</param>
/// <param name="Status">How it went.</param>
/// <param name="Detail">What was found.</param>
/// <param name="Fix">What to do about it, or <see langword="null"/> when nothing needs doing.</param>
internal sealed record DoctorCheck(string Name, DoctorStatus Status, string Detail, string? Fix = null);
