using System.Numerics.Tensors;
using Rapport.Memory;
using Rapport.Search;

namespace Rapport.Benchmarks;

/// <summary>Deterministic synthetic memories for the suites: one user, normalized 384-dimension vectors, mixed filter fields.</summary>
/// <remarks>
/// Random unit vectors, not real embeddings: an exact scan costs the same whatever the values, and the filter fields
/// (five kinds, a third of each outcome, qualities in 0..1) make filters do real work.
/// </remarks>
internal static class BenchmarkData
{
    public const int Dimensions = 384;

    public const string UserId = "bench-user";

    public const string Model = "bench-384";

    private static readonly string[] Kinds = ["breathing", "break", "reframe", "check-in", "grounding"];

    public static DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

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

    /// <summary>Builds <paramref name="count"/> interventions of <see cref="UserId"/>, newest first, one second apart.</summary>
    public static Intervention[] Interventions(int count, int seed = 42, string? idPrefix = null)
    {
        var random = new Random(seed);
        var records = new Intervention[count];
        for (var i = 0; i < count; i++)
        {
            var created = Now.AddSeconds(-i);
            records[i] = new Intervention
            {
                Id = $"{idPrefix}{seed:x4}{i:x8}",
                UserId = UserId,
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

        return records;
    }

    public static UserVectorSet VectorSet(IEnumerable<Intervention> interventions) =>
        new([.. interventions.Select(i => new VectorEntry(
            i.Id, i.Kind, i.Outcome, i.Quality, i.CreatedAt, i.ExpiresAt, i.EmbeddingModel, i.Embedding))]);
}
