namespace Rapport.Evaluation.Retrieval;

/// <summary>Where a retrieval benchmark run is.</summary>
/// <param name="Stage">What it is doing: <c>storing</c> or <c>searching</c>.</param>
/// <param name="Conversation">The conversation being worked on.</param>
/// <param name="Done">Steps done so far in the whole run (memories stored plus questions asked).</param>
/// <param name="Total">Steps in the whole run.</param>
public sealed record RetrievalBenchmarkProgress(string Stage, string Conversation, int Done, int Total);
