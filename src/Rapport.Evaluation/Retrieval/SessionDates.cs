using System.Globalization;

namespace Rapport.Evaluation.Retrieval;

/// <summary>Reads a LoCoMo session date (<c>1:56 pm on 8 May, 2023</c>, or any invariant date) as a UTC instant.</summary>
internal static class SessionDates
{
    private static readonly string[] Formats = ["h:mm tt 'on' d MMMM, yyyy", "h:mm tt 'on' d MMM, yyyy", "h:mm tt 'on' MMMM d, yyyy"];

    public static bool TryParse(string text, out DateTimeOffset at)
    {
        var trimmed = text.Trim();
        return DateTimeOffset.TryParseExact(trimmed, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out at)
            || DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at);
    }
}
