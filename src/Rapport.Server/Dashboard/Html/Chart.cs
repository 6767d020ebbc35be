namespace Rapport.Server.Dashboard.Html;

/// <summary>What a chart shows: its title, axes and series; <see cref="SvgCharts"/> draws it.</summary>
/// <param name="Id">A page-unique id, for the accessible name.</param>
/// <param name="Title">The caption.</param>
/// <param name="XLabel">The x axis' label.</param>
/// <param name="YLabel">The y axis' label.</param>
/// <param name="X">The label of each x position.</param>
/// <param name="Series">The series (at most five are told apart by colour).</param>
/// <param name="Format">How values are written on the axis and in the table.</param>
/// <param name="YMax">The top of the y axis, or <see langword="null"/> for the largest value.</param>
internal sealed record Chart(string Id, string Title, string XLabel, string YLabel, IReadOnlyList<string> X, IReadOnlyList<ChartSeries> Series,
    Func<double, string> Format, double? YMax = null);
