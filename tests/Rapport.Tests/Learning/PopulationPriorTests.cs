using Microsoft.Extensions.Time.Testing;
using Rapport.Learning;
using Rapport.Memory;
using Rapport.Storage;

namespace Rapport.Tests.Learning;

public sealed class PopulationPriorTests
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task GetAsync_StoreCannotAnswer_KeepsTheRatesItHadAndTriesAgainAfterTheInterval()
    {
        var source = new Statistics { Counts = Counts(helped: 4, notHelped: 0) };
        var time = new FakeTimeProvider();
        var prior = new PopulationPrior(source, Refresh, time, "fake-prior");
        using var errors = new StoreErrors("fake-prior", PopulationPrior.Operation);
        var first = await prior.GetAsync(CancellationToken.None);

        time.Advance(Refresh);
        source.Failure = new MemoryStoreException("Redis is unreachable.");
        var during = await prior.GetAsync(CancellationToken.None);
        time.Advance(Refresh / 2);
        var soon = await prior.GetAsync(CancellationToken.None);
        source.Failure = null;
        source.Counts = Counts(helped: 0, notHelped: 4);
        time.Advance(Refresh / 2);
        var after = await prior.GetAsync(CancellationToken.None);

        Assert.Equal(5 / 6.0, first["reframe"], 9);
        Assert.Same(first, during);
        Assert.Same(first, soon);
        Assert.Equal(1 / 6.0, after["reframe"], 9);
        Assert.Equal(3, source.Reads);
        Assert.Equal(1, errors.Count);
    }

    [Fact]
    public async Task GetAsync_StoreCannotAnswerAtFirst_StartsUninformed()
    {
        var source = new Statistics { Counts = Counts(4, 0), Failure = new MemoryStoreException("Redis is unreachable.") };
        var prior = new PopulationPrior(source, Refresh, new FakeTimeProvider());

        Assert.Empty(await prior.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_AnotherFailure_IsThrown()
    {
        // Only the store's own failure is an outage to ride out; anything else is a fault to see.
        var source = new Statistics { Counts = Counts(4, 0), Failure = new InvalidOperationException("A bug.") };
        var prior = new PopulationPrior(source, Refresh, new FakeTimeProvider());

        await Assert.ThrowsAsync<InvalidOperationException>(() => prior.GetAsync(CancellationToken.None));
    }

    private static Dictionary<string, KindOutcomeCounts> Counts(int helped, int notHelped) =>
        new(StringComparer.Ordinal) { ["reframe"] = new KindOutcomeCounts(helped + notHelped, helped, notHelped) };

    private sealed class Statistics : IPopulationStatistics
    {
        public IReadOnlyDictionary<string, KindOutcomeCounts> Counts { get; set; } = new Dictionary<string, KindOutcomeCounts>();

        public Exception? Failure { get; set; }

        public int Reads { get; private set; }

        public Task<IReadOnlyDictionary<string, KindOutcomeCounts>> GetKindOutcomesAsync(CancellationToken cancellationToken = default)
        {
            Reads++;
            return Failure is { } failure ? Task.FromException<IReadOnlyDictionary<string, KindOutcomeCounts>>(failure) : Task.FromResult(Counts);
        }
    }
}
