using System.Globalization;

namespace Rapport.Evaluation.Judges;

/// <summary>Reads how long a service asked the caller to wait (<c>Retry-After</c>) from a failed call.</summary>
/// <remarks>
/// <see cref="HttpRequestException"/> carries no response headers, so a transport that knows the header puts it in the
/// exception's <see cref="Exception.Data"/> under <see cref="DataKey"/> (a <see cref="TimeSpan"/>, a number of seconds,
/// a <see cref="DateTimeOffset"/>, or the header's text), or supplies its own reader through
/// <see cref="RetryOptions.RetryAfter"/>. Inner exceptions are searched too.
/// </remarks>
public static class RetryAfter
{
    /// <summary>The key of <see cref="Exception.Data"/> that holds the service's <c>Retry-After</c>.</summary>
    public const string DataKey = "Retry-After";

    /// <summary>Returns the wait that <paramref name="exception"/> (or an inner exception) carries in its data, or <see langword="null"/>.</summary>
    public static TimeSpan? FromData(Exception exception, DateTimeOffset now)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var delay = e.Data.Contains(DataKey) ? FromValue(e.Data[DataKey], now) : null;
            if (delay is not null)
            {
                return delay;
            }
        }

        return null;
    }

    /// <summary>Parses a <c>Retry-After</c> header value: delay-seconds or an HTTP date; <see langword="null"/> when it is neither.</summary>
    public static TimeSpan? Parse(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        value = value.Trim();
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds >= 0 && seconds < TimeSpan.MaxValue.TotalSeconds ? TimeSpan.FromSeconds(seconds) : null;
        }

        return DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? Until(date, now)
            : null;
    }

    private static TimeSpan? FromValue(object? value, DateTimeOffset now) => value switch
    {
        TimeSpan span => span >= TimeSpan.Zero ? span : null,
        DateTimeOffset date => Until(date, now),
        int seconds => seconds >= 0 ? TimeSpan.FromSeconds(seconds) : null,
        double seconds => Parse(seconds.ToString(CultureInfo.InvariantCulture), now),
        string text => Parse(text, now),
        _ => null,
    };

    private static TimeSpan Until(DateTimeOffset date, DateTimeOffset now) => date > now ? date - now : TimeSpan.Zero;
}
