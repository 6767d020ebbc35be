using System.Globalization;
using Rapport.Evaluation.Comparison;

namespace Rapport.Cli.Output;

/// <summary>How evaluation numbers read in tables and reports (invariant culture, two decimals).</summary>
internal static class EvalFormat
{
    public static string Score(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-";

    public static string Delta(double? value) => value is { } v ? v.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) : "-";

    public static string Percent(double? value) => value is { } v ? v.ToString("0%", CultureInfo.InvariantCulture) : "-";

    public static string Ms(double value) => value.ToString("0.#", CultureInfo.InvariantCulture) + " ms";

    public static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string MeanSpread(ScorerSummary? metric) =>
        metric?.Mean is null ? "-" : $"{Score(metric.Mean)} ± {Score(metric.StandardDeviation)}";

    public static string Verdict(ChangeVerdict verdict) => verdict switch
    {
        ChangeVerdict.Better => "better",
        ChangeVerdict.Worse => "worse",
        _ => "same",
    };

    /// <summary>The run with the highest mean on <paramref name="metric"/>, or <see langword="null"/> when none has values.</summary>
    public static RunSummary? Best(IReadOnlyList<RunSummary> runs, string metric) =>
        runs.Where(r => r.Metric(metric)?.Mean is not null).MaxBy(r => r.Metric(metric)!.Mean);
}
