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
    List<RetrievalBenchConversationJson> PerConversation,
    LatencySummary SearchLatencyMs,
    LatencySummary EmbeddingLatencyMs)
{
    /// <summary>Gets how many sessions the stored turns belong to.</summary>
    public int Sessions { get; init; }

    /// <summary>Gets how many conversations had every session date readable (memories carry their sessions' dates).</summary>
    public int DatedConversations { get; init; }

    /// <summary>Gets how many evidence turn ids the scored questions name.</summary>
    public int EvidenceIds { get; init; }

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
        [.. report.PerConversation.Select(c => new RetrievalBenchConversationJson(c.Conversation, c.Turns, c.Questions, c.Dated, ByK(c.Recall)))],
        report.SearchLatency,
        report.EmbeddingLatency)
    {
        Sessions = report.Sessions,
        DatedConversations = report.DatedConversations,
        EvidenceIds = report.EvidenceIds,
    };

    private static Dictionary<string, double> ByK(IReadOnlyDictionary<int, double> recall) =>
        recall.ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => Math.Round(p.Value, 2));
}
