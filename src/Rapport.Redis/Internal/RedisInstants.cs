using System.Globalization;

namespace Rapport.Redis.Internal;

/// <summary>How instants are written to Redis.</summary>
/// <remarks>
/// Exact values are 19-digit zero-padded UTC tick strings: they round-trip exactly and compare correctly as strings
/// inside Lua, whose numbers are doubles. Sorted-set scores are microseconds since the Unix epoch (exact in a double);
/// scripts use them to narrow a range and decide at the boundary with the exact ticks.
/// </remarks>
internal static class RedisInstants
{
    public static string Ticks(DateTimeOffset value) => value.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string ticks) => new(long.Parse(ticks, CultureInfo.InvariantCulture), TimeSpan.Zero);

    public static long Score(DateTimeOffset value)
    {
        var delta = value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return delta >= 0 ? delta / 10 : -((-delta + 9) / 10);
    }

    public static string ScoreText(DateTimeOffset value) => Score(value).ToString(CultureInfo.InvariantCulture);

    /// <summary>The physical TTL of a record: until it expires by the store's clock, plus a grace period, at least one second.</summary>
    public static long TtlMilliseconds(DateTimeOffset expiresAt, DateTimeOffset now, TimeSpan grace)
    {
        var ttl = (expiresAt - now + grace).TotalMilliseconds;
        return (long)Math.Clamp(ttl, 1_000, long.MaxValue / 2);
    }
}
