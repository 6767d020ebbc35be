using System.Globalization;
using Rapport.Evaluation.Retrieval;

namespace Rapport.Cli.Output;

/// <summary>A retrieval benchmark report as printed with <c>--json</c>; recall is in percent, keyed by k.</summary>
internal sealed record RetrievalBenchJson(
    string Mode,
    string EmbeddingModel,
    int Conversations,
    int Memories,
    int Questions,
    int UnscoredQuestions,
    int NormalizedEvidence,
    int SkippedEvidence,
    Dictionary<string, double> Recall,
    List<RetrievalBenchCategoryJson> Categories,
    LatencySummary SearchLatencyMs,
    LatencySummary EmbeddingLatencyMs)
{
    public static RetrievalBenchJson From(RetrievalBenchmarkReport report) => new(
        report.Mode.ToString().ToLowerInvariant(),
        report.EmbeddingModel,
        report.Conversations,
        report.Memories,
        report.Questions,
        report.UnscoredQuestions,
        report.NormalizedEvidence,
        report.SkippedEvidence,
        ByK(report.Recall),
        [.. report.Categories.Select(c => new RetrievalBenchCategoryJson(c.Category, c.Questions, ByK(c.Recall)))],
        report.SearchLatency,
        report.EmbeddingLatency);

    private static Dictionary<string, double> ByK(IReadOnlyDictionary<int, double> recall) =>
        recall.ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => Math.Round(p.Value, 2));
}
