namespace Rapport.Server.Evaluations;

// The evaluation endpoints' request shapes, together.

/// <summary>An evaluation to run: <c>POST /v1/evaluations</c>.</summary>
/// <param name="Dataset">The dataset as JSONL text, one case per line (the format of <c>rapport eval run --dataset</c>, docs/evaluation.md).</param>
/// <param name="Name">The dataset's name, or <see langword="null"/> for <c>dataset</c>.</param>
/// <param name="Responses">Recorded responses as JSONL text (<c>{"id", "response", "tool_calls"}</c> per line), or <see langword="null"/>.</param>
/// <param name="Target"><c>recorded</c> (the responses given), <c>chat</c> (the server's configured chat target), <c>transcripts</c> (every case is a
/// recorded conversation), or <see langword="null"/> to pick: recorded when responses are given, else transcripts.</param>
/// <param name="Scorers">Scorer names (<c>quality</c>, <c>brevity</c>, <c>supportiveness</c>, <c>tool_usage</c>, <c>conversation</c>); none means quality.</param>
/// <param name="Parallel">How many cases run at once, 1-64 (default 4).</param>
public sealed record StartEvaluationBody(
    string Dataset, string? Name = null, string? Responses = null, string? Target = null, IReadOnlyList<string>? Scorers = null, int? Parallel = null);
