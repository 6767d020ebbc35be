using System.Diagnostics;
using System.Globalization;

namespace Rapport.Telemetry;

/// <summary>Tags shared by Rapport's spans: user identity within the privacy policy, and failures with redacted messages.</summary>
internal static class SpanTags
{
    /// <summary>The text that stands in for a redacted exception message.</summary>
    public const string RedactedMessage = "[redacted: exception messages may quote user input; set IncludeSensitiveData to record them]";

    public static void SetUser(Activity activity, string? userId, TelemetryPrivacy privacy)
    {
        if (string.IsNullOrEmpty(userId))
        {
            return;
        }

        activity.SetTag(RapportTelemetryNames.UserHash, privacy.Pseudonymizer.Pseudonymize(userId));
        if (privacy.IncludeSensitiveData)
        {
            activity.SetTag(RapportTelemetryNames.UserId, userId);
        }
    }

    /// <summary>Marks the span failed: error status, <c>error.type</c>, and an <c>exception</c> event whose message is
    /// redacted unless sensitive data is on (messages can quote user input, for example a rejected situation).</summary>
    public static void SetFailure(Activity activity, Exception error, TelemetryPrivacy privacy)
    {
        var type = error.GetType().FullName ?? error.GetType().Name;
        var message = privacy.IncludeSensitiveData ? error.Message : Redact(error);
        activity.SetStatus(ActivityStatusCode.Error, message);
        activity.SetTag(RapportTelemetryNames.ErrorType, type);
        var tags = new ActivityTagsCollection
        {
            [RapportTelemetryNames.ExceptionType] = type,
            [RapportTelemetryNames.ExceptionMessage] = message,
        };
        if (error.StackTrace is { } stack)
        {
            tags[RapportTelemetryNames.ExceptionStacktrace] = stack;
        }

        activity.AddEvent(new ActivityEvent(RapportTelemetryNames.ExceptionEvent, tags: tags));
    }

    /// <summary>A message that says what failed without the original text: the type and, for argument errors, the parameter.</summary>
    public static string Redact(Exception error) => error switch
    {
        ArgumentException { ParamName: { } name } => string.Create(
            CultureInfo.InvariantCulture, $"{error.GetType().Name} for '{name}' {RedactedMessage}"),
        _ => $"{error.GetType().Name} {RedactedMessage}",
    };

    public static string Iso(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);
}
