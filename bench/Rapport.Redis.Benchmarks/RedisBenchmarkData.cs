using System.Numerics.Tensors;
using Rapport.Memory;

namespace Rapport.Redis.Benchmarks;

/// <summary>Deterministic synthetic memories (384-dimension unit vectors, mixed filter fields) and the Redis under test.</summary>
internal static class RedisBenchmarkData
{
    public const int Dimensions = 384;

    public const string Model = "bench-384";

    private static readonly string[] Kinds = ["breathing", "break", "reframe", "check-in", "grounding"];

    public static DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    /// <summary>Gets the server under test, from <c>RAPPORT_BENCH_REDIS</c> (bench/redis/run.sh sets it).</summary>
    public static string Redis =>
        Environment.GetEnvironmentVariable("RAPPORT_BENCH_REDIS")
        ?? throw new InvalidOperationException("Set RAPPORT_BENCH_REDIS=host:port (bench/redis/run.sh starts a private server).");

    public static float[] Vector(Random random)
    {
        var vector = new float[Dimensions];
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(random.NextDouble() * 2 - 1);
        }

        TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
        return vector;
    }

    public static float[] Query() => Vector(new Random(7));

    public static Intervention Make(string userId, string id, Random random, int i)
    {
        var created = Now.AddSeconds(-i);
        return new Intervention
        {
            Id = id,
            UserId = userId,
            SessionId = $"s{i / 20}",
            CreatedAt = created,
            Situation = $"Situation {i}: I feel tense before the meeting and cannot focus.",
            Kind = Kinds[i % Kinds.Length],
            Text = "Let's take three slow breaths together, then name one thing you can do next.",
            Outcome = (InterventionOutcome)(i % 3),
            Quality = random.NextDouble(),
            Embedding = Vector(random),
            EmbeddingModel = Model,
            ExpiresAt = created + RetentionOptions.DefaultRetention,
        };
    }

    public static Intervention[] Interventions(string userId, int count, int seed = 42)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => Make(userId, $"{seed:x4}{i:x8}", random, i))];
    }

    /// <summary>The bytes one recorded intervention carries to Redis: its hash field values plus its vector entry.</summary>
    public static int PayloadBytes()
    {
        var sample = Make("bench-user", "0000000000000000", new Random(1), 1);
        var fields = Internal.InterventionFields.ToFields(sample);
        return fields.Sum(f => System.Text.Encoding.UTF8.GetByteCount(f.Value)) + Internal.VectorEntryCodec.Encode(sample).Length;
    }
}
