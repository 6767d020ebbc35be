using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rapport.Cli.Output;

/// <summary>Source-generated JSON for everything the CLI prints with <c>--json</c>.</summary>
[JsonSerializable(typeof(InterventionJson))]
[JsonSerializable(typeof(List<InterventionJson>))]
[JsonSerializable(typeof(StatsJson))]
[JsonSerializable(typeof(ForgetJson))]
[JsonSerializable(typeof(DoctorJson))]
[JsonSerializable(typeof(Rapport.Evaluation.Runs.EvaluationRun))]
[JsonSerializable(typeof(Rapport.Evaluation.Comparison.RunSummary))]
[JsonSerializable(typeof(List<Rapport.Evaluation.Comparison.RunSummary>))]
[JsonSerializable(typeof(Rapport.Evaluation.Comparison.RunComparison))]
internal sealed partial class CliJson : JsonSerializerContext
{
    /// <summary>Gets the context the CLI prints with: indented, camelCase, and readable text (no \u0027 for apostrophes).</summary>
    public static CliJson Output { get; } = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
