using Rapport.Redis;
using Rapport.Redis.Internal;

namespace Rapport.Benchmarks.Storage;

/// <summary>The Redis server the Redis suites run against, and the payload they send, for bench/redis/run.sh.</summary>
internal static class RedisBenchmarkServer
{
    /// <summary>Gets the server under test, from <c>RAPPORT_BENCH_REDIS</c> (bench/redis/run.sh starts a private one).</summary>
    public static string Configuration =>
        Environment.GetEnvironmentVariable("RAPPORT_BENCH_REDIS")
        ?? throw new InvalidOperationException("Set RAPPORT_BENCH_REDIS=host:port; bench/redis/run.sh starts a private server and does.");

    /// <summary>Opens a store on its own key prefix. The budget is the maximum: these suites measure Redis, not the outbox.</summary>
    public static RedisMemoryStore Open(string home, string prefix) =>
        RedisMemoryStore.Open(
            new RedisStoreOptions { Configuration = Configuration, KeyPrefix = prefix + Guid.NewGuid().ToString("N")[..8], Budget = TimeSpan.FromMinutes(1) },
            home);

    /// <summary>Writes the bytes of one recorded intervention's value (vector included) where run.sh reads them.</summary>
    public static void WritePayloadSize(Memory.Intervention sample)
    {
        if (Environment.GetEnvironmentVariable("RAPPORT_BENCH_PAYLOAD_FILE") is { Length: > 0 } file)
        {
            var bytes = InterventionValue.Encode(sample).Length;
            File.WriteAllText(file, bytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
