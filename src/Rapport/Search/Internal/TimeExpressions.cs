using System.Globalization;
using System.Text.RegularExpressions;

namespace Rapport.Search.Internal;

/// <summary>Finds the time a query names ("last week", "in May", "on October 13, 2023", "3 days ago") as an interval of instants.</summary>
/// <remarks>
/// English only, and only expressions that name a time outright; anything vaguer ("before my exam", "in the summer") yields
/// nothing, so that a query without a clear time is ranked as before. A month or day without a year is its latest occurrence at
/// or before the reference time; relative expressions count back from it. The first expression found wins. Intervals are UTC.
/// </remarks>
internal static partial class TimeExpressions
{
    private static readonly string[] Months =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    /// <summary>Returns the interval the query names, or <see langword="null"/>.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End)? Find(string? query, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return null;
        }

        var text = query.ToLowerInvariant();
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        if (MonthDay().Match(text) is { Success: true } md)
        {
            return Day(Month(md.Groups["m"].Value), int.Parse(md.Groups["d"].Value, CultureInfo.InvariantCulture), Year(md.Groups["y"]), today);
        }

        if (DayMonth().Match(text) is { Success: true } dm)
        {
            return Day(Month(dm.Groups["m"].Value), int.Parse(dm.Groups["d"].Value, CultureInfo.InvariantCulture), Year(dm.Groups["y"]), today);
        }

        if (MonthYear().Match(text) is { Success: true } my)
        {
            var month = Month(my.Groups["m"].Value);
            var year = Year(my.Groups["y"]) ?? (month <= today.Month ? today.Year : today.Year - 1);
            var start = new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero);
            return (start, start.AddMonths(1));
        }

        if (YearOnly().Match(text) is { Success: true } y)
        {
            var start = new DateTimeOffset(int.Parse(y.Groups["y"].Value, CultureInfo.InvariantCulture), 1, 1, 0, 0, 0, TimeSpan.Zero);
            return (start, start.AddYears(1));
        }

        if (Ago().Match(text) is { Success: true } ago)
        {
            var n = ago.Groups["n"].Value is var word && int.TryParse(word, CultureInfo.InvariantCulture, out var count) ? count : Number(word);
            var unit = ago.Groups["u"].Value;
            var (back, width) = unit.StartsWith("day", StringComparison.Ordinal) ? (TimeSpan.FromDays(n), TimeSpan.FromDays(1))
                : unit.StartsWith("week", StringComparison.Ordinal) ? (TimeSpan.FromDays(7 * n), TimeSpan.FromDays(7))
                : unit.StartsWith("month", StringComparison.Ordinal) ? (today - today.AddMonths(-n), TimeSpan.FromDays(31))
                : (today - today.AddYears(-n), TimeSpan.FromDays(366));
            // Counting back is approximate ("2 weeks ago" is any day of that week): whole days either side.
            var at = today - back;
            var half = TimeSpan.FromDays(Math.Ceiling(width.TotalDays / 2));
            return (at - half, at + half + TimeSpan.FromDays(1));
        }

        if (Relative().Match(text) is { Success: true } rel)
        {
            var last = rel.Groups["w"].Value == "last";
            return rel.Groups["u"].Value switch
            {
                "week" => last ? (today.AddDays(-14), today.AddDays(-6)) : (today.AddDays(-7), today.AddDays(1)),
                "weekend" => (today.AddDays(-9), today.AddDays(-1)),
                "month" => last
                    ? (new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(-1), new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, TimeSpan.Zero))
                    : (new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, TimeSpan.Zero), today.AddDays(1)),
                "year" => last
                    ? (new DateTimeOffset(today.Year - 1, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(today.Year, 1, 1, 0, 0, 0, TimeSpan.Zero))
                    : (new DateTimeOffset(today.Year, 1, 1, 0, 0, 0, TimeSpan.Zero), today.AddDays(1)),
                _ => null,
            };
        }

        if (Yesterday().IsMatch(text))
        {
            return (today.AddDays(-1), today);
        }

        return Today().IsMatch(text) ? (today, today.AddDays(1)) : null;
    }

    private static (DateTimeOffset, DateTimeOffset)? Day(int month, int day, int? year, DateTimeOffset today)
    {
        var y = year ?? today.Year;
        if (day < 1 || day > DateTime.DaysInMonth(y, month))
        {
            return null;
        }

        var start = new DateTimeOffset(y, month, day, 0, 0, 0, TimeSpan.Zero);
        if (year is null && start > today)
        {
            if (day > DateTime.DaysInMonth(y - 1, month))
            {
                return null;
            }

            start = new DateTimeOffset(y - 1, month, day, 0, 0, 0, TimeSpan.Zero);
        }

        return (start, start.AddDays(1));
    }

    private static int Month(string name) => Array.FindIndex(Months, m => m.StartsWith(name[..3], StringComparison.Ordinal)) + 1;

    private static int? Year(Group group) => group.Success ? int.Parse(group.Value, CultureInfo.InvariantCulture) : null;

    private static int Number(string word) => word switch
    {
        "a" or "an" or "one" => 1,
        "two" or "a couple of" => 2,
        "three" or "a few" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        _ => 1,
    };

    private const string MonthName =
        "(?<m>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

    [GeneratedRegex(@"\b" + MonthName + @"\.?\s+(?<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?<y>(?:19|20)\d\d)\b)?", RegexOptions.CultureInvariant)]
    private static partial Regex MonthDay();

    [GeneratedRegex(@"\b(?<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?" + MonthName + @"\b,?(?:\s+(?<y>(?:19|20)\d\d)\b)?", RegexOptions.CultureInvariant)]
    private static partial Regex DayMonth();

    // "May" alone is also a verb: a month without a year needs "in" or "during" before it, or a year after it.
    [GeneratedRegex(@"(?:\b(?:in|during|of|since)\s+(?:early\s+|mid\s+|late\s+)?" + MonthName + @"\b(?:,?\s+(?<y>(?:19|20)\d\d)\b)?)|(?:\b" + MonthName + @",?\s+(?<y>(?:19|20)\d\d)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex MonthYear();

    [GeneratedRegex(@"\b(?:in|during|of)\s+(?<y>(?:19|20)\d\d)\b", RegexOptions.CultureInvariant)]
    private static partial Regex YearOnly();

    [GeneratedRegex(@"\b(?<n>\d{1,3}|a|an|one|two|three|four|five|six|a couple of|a few)\s+(?<u>days?|weeks?|months?|years?)\s+ago\b", RegexOptions.CultureInvariant)]
    private static partial Regex Ago();

    [GeneratedRegex(@"\b(?<w>last|this|past)\s+(?<u>week|weekend|month|year)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Relative();

    [GeneratedRegex(@"\byesterday\b", RegexOptions.CultureInvariant)]
    private static partial Regex Yesterday();

    [GeneratedRegex(@"\btoday\b", RegexOptions.CultureInvariant)]
    private static partial Regex Today();
}
