namespace Rapport.Cli.Output;

/// <summary>The doctor's report as printed with <c>--json</c>.</summary>
/// <param name="Healthy">Whether no check failed.</param>
/// <param name="Checks">Every check, in order.</param>
internal sealed record DoctorJson(bool Healthy, List<DoctorCheckJson> Checks);

/// <summary>One doctor check as printed with <c>--json</c>.</summary>
/// <param name="Name">What was checked.</param>
/// <param name="Status"><c>ok</c>, <c>warn</c> or <c>fail</c>.</param>
/// <param name="Detail">What was found.</param>
/// <param name="Fix">What to do, or <see langword="null"/>.</param>
internal sealed record DoctorCheckJson(string Name, string Status, string Detail, string? Fix);
