using System.Collections.Frozen;
using Rapport.Telemetry;

namespace Rapport.OpenTelemetry.Redaction;

/// <summary>Decides which span data may be kept without user text: an allow-list, so text under an unknown key is dropped too.</summary>
/// <remarks>
/// Numbers and booleans are kept (they cannot carry text). Strings are kept only under keys known to hold
/// identifiers, names or hashes; anything else (queries, messages, explanations, raw user ids, keys this list does
/// not know) becomes <see cref="Redacted"/>. Thread-safe.
/// </remarks>
public static class TraceRedactor
{
    /// <summary>What replaces redacted text.</summary>
    public const string Redacted = "[redacted]";

    /// <summary>Gets the attribute keys whose string values are known to carry no user text.</summary>
    public static FrozenSet<string> SafeStringKeys { get; } = new[]
    {
        RapportTelemetryNames.GenAIOperationName,
        RapportTelemetryNames.GenAIDataSourceId,
        RapportTelemetryNames.GenAIRetrievalDocuments,
        RapportTelemetryNames.GenAIEvaluationName,
        RapportTelemetryNames.GenAIEvaluationScoreLabel,
        RapportTelemetryNames.ErrorType,
        RapportTelemetryNames.ExceptionType,
        RapportTelemetryNames.ExceptionStacktrace,
        RapportTelemetryNames.UserHash,
        RapportTelemetryNames.SessionId,
        RapportTelemetryNames.Tenant,
        RapportTelemetryNames.RecordId,
        RapportTelemetryNames.RecordIds,
        RapportTelemetryNames.RecordType,
        RapportTelemetryNames.Kinds,
        RapportTelemetryNames.Outcome,
        RapportTelemetryNames.FilterSince,
        RapportTelemetryNames.FilterUntil,
        RapportTelemetryNames.EmbeddingModel,
        RapportTelemetryNames.Operation,
        RapportTelemetryNames.GenAIMemoryStoreId,
        RapportTelemetryNames.GenAIMemoryRecordId,
        RapportTelemetryNames.GenAIRequestModel,
        RapportTelemetryNames.GenAIResponseModel,
        RapportTelemetryNames.GenAIResponseId,
        RapportTelemetryNames.GenAIProviderName,
        RapportTelemetryNames.GenAISystem,
        RapportTelemetryNames.GenAITokenType,
        RapportTelemetryNames.GenAIResponseFinishReasons,
        RapportTelemetryNames.GenAIToolName,
        RapportTelemetryNames.GenAIAgentName,
        RapportTelemetryNames.ServerAddress,
        RapportTelemetryNames.OtelStatusCode,
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Returns the value to keep for an attribute: itself when it is safe, else <see cref="Redacted"/>.</summary>
    public static object? Attribute(string key, object? value, bool includeSensitiveData) =>
        includeSensitiveData || value is null || SafeStringKeys.Contains(key) ? value : value switch
        {
            bool or byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal => value,
            bool[] or int[] or long[] or double[] or float[] => value,
            _ => Redacted,
        };

    /// <summary>Returns the status description to keep: itself when sensitive data is kept, else <see cref="Redacted"/> when present.</summary>
    public static string? StatusDescription(string? description, bool includeSensitiveData) =>
        includeSensitiveData || string.IsNullOrEmpty(description) ? description : Redacted;
}
