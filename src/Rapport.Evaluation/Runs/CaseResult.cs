namespace Rapport.Evaluation.Runs;

/// <summary>What happened for one case in a run: the response, its scores, latency and any error.</summary>
public sealed record CaseResult
{
    /// <summary>Gets the case id.</summary>
    public required string CaseId { get; init; }

    /// <summary>Gets the response text, or <see langword="null"/> when the target failed.</summary>
    public string? Response { get; init; }

    /// <summary>Gets the tool calls in the response.</summary>
    public IReadOnlyList<RecordedToolCall> ToolCalls { get; init; } = [];

    /// <summary>Gets how long the target took, in milliseconds.</summary>
    public double LatencyMs { get; init; }

    /// <summary>Gets why the target failed, or <see langword="null"/>.</summary>
    public string? Error { get; init; }

    /// <summary>Gets one entry per metric of every scorer, in scorer order.</summary>
    public IReadOnlyList<CaseScore> Scores { get; init; } = [];

    /// <summary>Gets the case's tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
}
