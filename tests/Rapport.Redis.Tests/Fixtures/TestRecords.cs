using Rapport.Memory;
using Rapport.Storage;

namespace Rapport.Redis.Tests.Fixtures;

/// <summary>Small builders of valid records for the Redis-specific tests.</summary>
internal static class TestRecords
{
    public static Intervention Make(string userId, float[] vector, DateTimeOffset at, string? id = null) => new()
    {
        Id = id ?? Guid.NewGuid().ToString("N"),
        UserId = userId,
        SessionId = "s1",
        CreatedAt = at,
        Situation = "I feel tense before my talk",
        Kind = "breathing",
        Text = "Let's take three slow breaths together.",
        Embedding = vector,
        EmbeddingModel = "test-model",
        ExpiresAt = at.AddDays(30),
    };

    public static float[] Axis(int axis)
    {
        var v = new float[8];
        v[axis % 8] = 1f;
        return v;
    }

    public static MemorySearchRequest Query(string userId, float[] vector, int top = 10) =>
        new() { UserId = userId, Embedding = vector, Top = top };
}
