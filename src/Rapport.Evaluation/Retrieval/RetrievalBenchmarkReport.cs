using Rapport.Search;

namespace Rapport.Evaluation.Retrieval;

/// <summary>The result of a retrieval benchmark run.</summary>
/// <remarks>
/// Recall is turn-level evidence recall with partial credit: for each question, the share of its evidence turns
/// among the first k results; the mean over questions, in percent. Questions with no usable evidence are not
/// scored and are counted in <see cref="UnscoredQuestions"/>.
/// </remarks>
public sealed record RetrievalBenchmarkReport
{
    /// <summary>Gets the search mode measured.</summary>
    public required SearchMode Mode { get; init; }

    /// <summary>Gets the embedder that produced the vectors.</summary>
    public required string EmbeddingModel { get; init; }

    /// <summary>Gets the cut-offs, ascending.</summary>
    public required IReadOnlyList<int> Ks { get; init; }

    /// <summary>Gets how many conversations were stored.</summary>
    public required int Conversations { get; init; }

    /// <summary>Gets how many turns were stored as memories.</summary>
    public required int Memories { get; init; }

    /// <summary>Gets how many sessions the stored turns belong to.</summary>
    public int Sessions { get; init; }

    /// <summary>Gets how many conversations had every session date readable, so that their memories carry their sessions' dates.</summary>
    public int DatedConversations { get; init; }

    /// <summary>Gets how many evidence turn ids the scored questions name (after repair; skipped ones excluded).</summary>
    public int EvidenceIds { get; init; }

    /// <summary>Gets how many questions were scored.</summary>
    public required int Questions { get; init; }

    /// <summary>Gets how many questions had no usable evidence and were not scored.</summary>
    public required int UnscoredQuestions { get; init; }

    /// <summary>Gets how many malformed evidence ids were repaired.</summary>
    public required int NormalizedEvidence { get; init; }

    /// <summary>Gets how many evidence ids were unreadable or named no turn, and were skipped.</summary>
    public required int SkippedEvidence { get; init; }

    /// <summary>Gets the mean evidence recall over all scored questions, in percent, by k.</summary>
    public required IReadOnlyDictionary<int, double> Recall { get; init; }

    /// <summary>Gets the recall per question category, by category.</summary>
    public required IReadOnlyList<CategoryRecall> Categories { get; init; }

    /// <summary>Gets the recall per conversation, in file order.</summary>
    public IReadOnlyList<ConversationRecall> PerConversation { get; init; } = [];

    /// <summary>Gets the latency of the store search alone (query embedding excluded).</summary>
    public required LatencySummary SearchLatency { get; init; }

    /// <summary>Gets the latency of embedding the queries.</summary>
    public required LatencySummary EmbeddingLatency { get; init; }
}
