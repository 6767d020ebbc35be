using System.Diagnostics;
using System.Diagnostics.Metrics;
using Rapport.Telemetry;

namespace Rapport.Redis.Internal;

/// <summary>The store's instruments, on Rapport's one <see cref="Meter"/> (<see cref="RapportTelemetry.Meter"/>, named <c>Rapport</c>).</summary>
/// <remarks>Tagged with the store operation (<see cref="RapportTelemetryNames.Operation"/>), the key <c>rapport.store.errors</c> uses too.</remarks>
internal static class RedisStoreMetrics
{
    /// <summary>Reads answered with an empty result because Redis was unreachable or slower than the budget.</summary>
    public static readonly Counter<long> DegradedReads =
        RapportTelemetry.Meter.CreateCounter<long>(RapportTelemetryNames.DegradedReadsMetric, "{read}", "Reads that returned empty because the store was unavailable.");

    /// <summary>Writes kept in the local outbox instead of Redis.</summary>
    public static readonly Counter<long> OutboxQueued =
        RapportTelemetry.Meter.CreateCounter<long>(RapportTelemetryNames.OutboxQueuedMetric, "{write}", "Writes kept in the local outbox while the store was unavailable.");

    /// <summary>Outbox writes replayed to Redis.</summary>
    public static readonly Counter<long> OutboxReplayed =
        RapportTelemetry.Meter.CreateCounter<long>(RapportTelemetryNames.OutboxReplayedMetric, "{write}", "Outbox writes replayed to the store.");

    public static void Add(Counter<long> counter, string operation)
    {
        if (counter.Enabled)
        {
            counter.Add(1, new TagList { { RapportTelemetryNames.Operation, operation } });
        }
    }
}
