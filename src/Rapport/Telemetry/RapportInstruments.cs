using System.Diagnostics.Metrics;

namespace Rapport.Telemetry;

/// <summary>Rapport's metric instruments, created once on the shared <see cref="RapportTelemetry.Meter"/>.</summary>
/// <remarks>Callers record only when an instrument is <c>Enabled</c>, so an unobserved process pays one field read.</remarks>
internal static class RapportInstruments
{
    public static readonly Counter<long> Stored = RapportTelemetry.Meter.CreateCounter<long>(
        RapportTelemetryNames.StoredMetric, "{record}", "Records stored, by record type.");

    public static readonly Counter<long> Searches = RapportTelemetry.Meter.CreateCounter<long>(
        RapportTelemetryNames.SearchesMetric, "{search}", "Memory searches run.");

    public static readonly Histogram<double> SearchDuration = RapportTelemetry.Meter.CreateHistogram(
        RapportTelemetryNames.SearchDurationMetric, "s", "Memory search latency.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });

    public static readonly Histogram<int> SearchResults = RapportTelemetry.Meter.CreateHistogram(
        RapportTelemetryNames.SearchResultsMetric, "{result}", "Results returned per memory search.",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [0, 1, 2, 3, 5, 10, 20, 50, 100, 1000] });

    public static readonly Histogram<double> Quality = RapportTelemetry.Meter.CreateHistogram(
        RapportTelemetryNames.QualityMetric, "1", "Overall quality (0..1) of stored interventions.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1] });

    public static readonly Histogram<double> EvaluationScore = RapportTelemetry.Meter.CreateHistogram(
        RapportTelemetryNames.EvaluationScoreMetric, "1", "Evaluation scores, by evaluator.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1] });

    public static readonly Histogram<int> ContextTokens = RapportTelemetry.Meter.CreateHistogram(
        RapportTelemetryNames.ContextTokensMetric, "{token}", "Size of the memory context injected into a prompt.",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [0, 50, 100, 200, 400, 800, 1600, 3200, 6400] });

    public static readonly Gauge<long> OutboxDepth = RapportTelemetry.Meter.CreateGauge<long>(
        RapportTelemetryNames.OutboxDepthMetric, "{entry}", "Entries waiting in a store's outbox.");

    public static readonly Counter<long> StoreErrors = RapportTelemetry.Meter.CreateCounter<long>(
        RapportTelemetryNames.StoreErrorsMetric, "{error}", "Failed store operations.");

    public static readonly Counter<long> CacheHits = RapportTelemetry.Meter.CreateCounter<long>(
        RapportTelemetryNames.CacheHitsMetric, "{search}", "Searches answered from a cached snapshot as it was.");

    public static readonly Counter<long> CacheRefreshes = RapportTelemetry.Meter.CreateCounter<long>(
        RapportTelemetryNames.CacheRefreshesMetric, "{search}", "Searches that refreshed a cached snapshot with only what changed.");

    public static readonly Counter<long> CacheMisses = RapportTelemetry.Meter.CreateCounter<long>(
        RapportTelemetryNames.CacheMissesMetric, "{search}", "Searches that loaded a user's whole snapshot.");

    public static readonly Counter<long> CacheEvictedBytes = RapportTelemetry.Meter.CreateCounter<long>(
        RapportTelemetryNames.CacheEvictedBytesMetric, "By", "Bytes of snapshots evicted to keep the cache under its bound.");

    public static readonly Gauge<long> CacheBytes = RapportTelemetry.Meter.CreateGauge<long>(
        RapportTelemetryNames.CacheBytesMetric, "By", "Bytes a snapshot cache holds (estimated).");
}
