using System.Diagnostics;
using System.Diagnostics.Metrics;
using Rapport.Telemetry;

namespace Rapport.Redis.Internal;

/// <summary>The store's instruments, on Rapport's <see cref="Meter"/> (named <c>Rapport</c>).</summary>
internal static class RedisStoreMetrics
{
    public const string OperationTag = RapportTelemetryNames.Operation;

    private static readonly Meter Meter = new("Rapport");

    /// <summary>Reads answered with an empty result because Redis was unreachable or slower than the budget.</summary>
    public static readonly Counter<long> DegradedReads =
        Meter.CreateCounter<long>("rapport.store.degraded_reads", "{read}", "Reads that returned empty because the store was unavailable.");

    /// <summary>Writes kept in the local outbox instead of Redis.</summary>
    public static readonly Counter<long> OutboxQueued =
        Meter.CreateCounter<long>("rapport.store.outbox.queued", "{write}", "Writes kept in the local outbox while the store was unavailable.");

    /// <summary>Outbox writes replayed to Redis.</summary>
    public static readonly Counter<long> OutboxReplayed =
        Meter.CreateCounter<long>("rapport.store.outbox.replayed", "{write}", "Outbox writes replayed to the store.");

    public static void Add(Counter<long> counter, string operation)
    {
        if (counter.Enabled)
        {
            counter.Add(1, new TagList { { OperationTag, operation } });
        }
    }
}
