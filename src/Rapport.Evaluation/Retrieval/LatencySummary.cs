using System.Globalization;

namespace Rapport.Evaluation.Retrieval;

/// <summary>Percentiles of a set of latencies, in milliseconds.</summary>
/// <param name="Count">How many were measured.</param>
/// <param name="P50">The median.</param>
/// <param name="P90">The 90th percentile.</param>
/// <param name="P99">The 99th percentile.</param>
/// <param name="Max">The slowest.</param>
public sealed record LatencySummary(int Count, double P50, double P90, double P99, double Max)
{
    /// <summary>Summarizes <paramref name="milliseconds"/> (nearest-rank percentiles).</summary>
    public static LatencySummary Of(IReadOnlyCollection<double> milliseconds)
    {
        ArgumentNullException.ThrowIfNull(milliseconds);
        if (milliseconds.Count == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0);
        }

        var sorted = milliseconds.Order().ToArray();
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencySummary(sorted.Length, At(0.5), At(0.9), At(0.99), sorted[^1]);
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"p50 {P50:0.00} ms, p90 {P90:0.00} ms, p99 {P99:0.00} ms, max {Max:0.00} ms (n = {Count})");
}
