using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rapport.Cli.Output;

/// <summary>Source-generated JSON for everything the CLI prints with <c>--json</c>.</summary>
[JsonSerializable(typeof(InterventionJson))]
[JsonSerializable(typeof(List<InterventionJson>))]
[JsonSerializable(typeof(StatsJson))]
[JsonSerializable(typeof(UserExportJson))]
[JsonSerializable(typeof(ForgetJson))]
[JsonSerializable(typeof(OutcomeQueuedJson))]
[JsonSerializable(typeof(ReembedJson))]
[JsonSerializable(typeof(DemoJson))]
[JsonSerializable(typeof(List<TraceJson>))]
[JsonSerializable(typeof(List<SpanJson>))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(object[]))]
[JsonSerializable(typeof(RetrievalBenchJson))]
[JsonSerializable(typeof(DoctorJson))]
[JsonSerializable(typeof(Rapport.Evaluation.Runs.EvaluationRun))]
[JsonSerializable(typeof(Rapport.Evaluation.Comparison.RunSummary))]
[JsonSerializable(typeof(List<Rapport.Evaluation.Comparison.RunSummary>))]
[JsonSerializable(typeof(Rapport.Evaluation.Comparison.RunComparison))]
internal sealed partial class CliJson : JsonSerializerContext
{
    /// <summary>Gets the context the CLI prints with: indented, camelCase names, lowercase (camelCase) enum values,
    /// numbers rounded to <see cref="RoundedDoubleConverter.Digits"/> decimals, and readable text (no \u0027 for apostrophes).</summary>
    public static CliJson Output { get; } = new(new JsonSerializerOptions
    {
        Converters =
        {
            new RoundedDoubleConverter(),
            new JsonStringEnumConverter<Rapport.Evaluation.Comparison.ChangeVerdict>(JsonNamingPolicy.CamelCase),
        },
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
