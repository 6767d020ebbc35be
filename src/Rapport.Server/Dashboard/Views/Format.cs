using System.Globalization;

namespace Rapport.Server.Dashboard.Views;

/// <summary>How the views write times, durations and numbers (invariant culture, UTC).</summary>
internal static class Format
{
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan d) => d.TotalMilliseconds < 1
        ? string.Create(CultureInfo.InvariantCulture, $"{d.TotalMicroseconds:0} µs")
        : string.Create(CultureInfo.InvariantCulture, $"{d.TotalMilliseconds:0.0} ms");

    public static string Number(double? v, string format = "0.00") => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) : "–";
}
