namespace Rapport.OpenTelemetry.LocalTraces;

/// <summary>How spans of one name performed: count, failures and duration percentiles.</summary>
/// <param name="Name">The span name.</param>
/// <param name="Count">How many live spans have it.</param>
/// <param name="Errors">How many of them failed.</param>
/// <param name="P50">The median duration.</param>
/// <param name="P95">The 95th percentile duration.</param>
/// <param name="MeanTokens">The mean of <c>rapport.context.tokens</c> over the context-build spans that carry it, or <see langword="null"/>.</param>
public sealed record SpanStats(string Name, long Count, long Errors, TimeSpan P50, TimeSpan P95, double? MeanTokens);
