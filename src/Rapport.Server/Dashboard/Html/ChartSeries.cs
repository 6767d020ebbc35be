namespace Rapport.Server.Dashboard.Html;

/// <summary>One named series of a chart; a missing value leaves a gap.</summary>
/// <param name="Name">The legend's label.</param>
/// <param name="Values">One value per x position.</param>
internal sealed record ChartSeries(string Name, IReadOnlyList<double?> Values);
