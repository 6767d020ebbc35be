using Microsoft.Extensions.Time.Testing;
using Rapport.Memory;
using Rapport.Storage;

namespace Rapport.Storage.Conformance;

/// <summary>The contract of <see cref="IMemoryStore"/>: every backend's test class derives from this one.</summary>
/// <remarks>
/// xunit creates one instance per test, so <see cref="OpenStoreAsync"/> may create the backing store on its first
/// call; later calls in the same test must open another instance (another connection, as another process would)
/// on the same backing store.
/// </remarks>
public abstract partial class MemoryStoreConformanceTests : IAsyncLifetime
{
    private readonly List<IMemoryStore> _opened = [];

    /// <summary>The clock every store of the test uses; tests move it.</summary>
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Opens a store instance over this test's backing store.</summary>
    protected abstract Task<IMemoryStore> CreateStoreAsync(TimeProvider time);

    /// <summary>Opens and tracks a store instance; it is disposed after the test.</summary>
    protected async Task<IMemoryStore> OpenStoreAsync()
    {
        var store = await CreateStoreAsync(Time);
        _opened.Add(store);
        return store;
    }

    /// <inheritdoc />
    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <inheritdoc />
    public virtual async ValueTask DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private static int _sequence;

    /// <summary>Builds a valid intervention with a hand-made vector.</summary>
    protected Intervention Make(
        string userId,
        float[] vector,
        string kind = "breathing",
        string situation = "I feel tense before my talk",
        InterventionOutcome outcome = InterventionOutcome.Unknown,
        double? quality = null,
        DateTimeOffset? createdAt = null,
        string? id = null,
        string model = "test-model")
    {
        var created = createdAt ?? Time.GetUtcNow();
        return new Intervention
        {
            Id = id ?? $"rec{Interlocked.Increment(ref _sequence):D6}{Guid.NewGuid():N}"[..32],
            UserId = userId,
            SessionId = "s1",
            CreatedAt = created,
            Situation = situation,
            Kind = kind,
            Text = "Let's take three slow breaths together.",
            Outcome = outcome,
            Quality = quality,
            Embedding = vector,
            EmbeddingModel = model,
            ExpiresAt = created + TimeSpan.FromDays(30),
        };
    }

    /// <summary>A unit vector along axis <paramref name="axis"/> of 8, tilted by <paramref name="tilt"/> towards the next axis.</summary>
    protected static float[] Axis(int axis, float tilt = 0f)
    {
        var v = new float[8];
        v[axis % 8] = 1f;
        v[(axis + 1) % 8] = tilt;
        return v;
    }

    /// <summary>A search for <paramref name="userId"/> near <paramref name="vector"/>.</summary>
    protected static MemorySearchRequest Query(string userId, float[] vector, int top = 10) =>
        new() { UserId = userId, Embedding = vector, Top = top };
}
