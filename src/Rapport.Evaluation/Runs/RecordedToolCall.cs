namespace Rapport.Evaluation.Runs;

/// <summary>A tool call a target made, as recorded in a run.</summary>
/// <param name="Name">The tool name.</param>
/// <param name="ArgumentsJson">The arguments as a JSON object.</param>
public sealed record RecordedToolCall(string Name, string ArgumentsJson);
