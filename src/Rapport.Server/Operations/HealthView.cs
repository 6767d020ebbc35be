namespace Rapport.Server.Operations;

/// <summary>A health answer.</summary>
/// <param name="Status"><c>ok</c>, <c>ready</c> or <c>not ready</c>.</param>
/// <param name="Reason">Why not ready, or <see langword="null"/>.</param>
public sealed record HealthView(string Status, string? Reason);
