using Microsoft.Extensions.Time.Testing;
using Rapport.Learning;
using Rapport.Memory;
using Rapport.Storage;

namespace Rapport.Tests.Learning;

public sealed class PopulationPriorTests
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task GetAsync_StoreCannotAnswer_KeepsTheRatesItHadAndTriesAgainAfterAMinute()
    {
        var source = new Statistics { Counts = Counts(helped: 4, notHelped: 0) };
        var time = new FakeTimeProvider();
        var prior = new PopulationPrior(source, Refresh, background: false, time, "fake-prior");
        using var errors = new StoreErrors("fake-prior", PopulationPrior.Operation);
        var first = await prior.GetAsync(CancellationToken.None);

        time.Advance(Refresh);
        source.Failure = new MemoryStoreException("Redis is unreachable.");
        var during = await prior.GetAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(30));
        var soon = await prior.GetAsync(CancellationToken.None);
        source.Failure = null;
        source.Counts = Counts(helped: 0, notHelped: 4);
        time.Advance(TimeSpan.FromSeconds(30));
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
        var prior = new PopulationPrior(source, Refresh, background: true, new FakeTimeProvider());

        Assert.Empty(await prior.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_ConcurrentTurnsAtTheRefresh_ShareOneRead()
    {
        var source = new Statistics { Counts = Counts(helped: 4, notHelped: 0), Hold = new TaskCompletionSource() };
        var prior = new PopulationPrior(source, Refresh, background: true, new FakeTimeProvider());

        var turns = Enumerable.Range(0, 8).Select(_ => Task.Run(() => prior.GetAsync(CancellationToken.None))).ToList();
        await Task.Delay(200);
        source.Hold.SetResult();
        var rates = await Task.WhenAll(turns);

        Assert.Equal(1, source.Reads);
        Assert.All(rates, r => Assert.Same(rates[0], r));
        Assert.Equal(5 / 6.0, rates[0]["reframe"], 9);
    }

    [Fact]
    public async Task GetAsync_StaleInBackground_GoesOnWithTheOldRatesWhileTheStoreIsRead()
    {
        var source = new Statistics { Counts = Counts(helped: 4, notHelped: 0) };
        var time = new FakeTimeProvider();
        var prior = new PopulationPrior(source, Refresh, background: true, time);
        var first = await prior.GetAsync(CancellationToken.None);

        source.Hold = new TaskCompletionSource();
        source.Counts = Counts(helped: 0, notHelped: 4);
        time.Advance(Refresh);
        // A caller that waited for the held read would time out here.
        var during = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => prior.GetAsync(CancellationToken.None))).WaitAsync(TimeSpan.FromSeconds(10));
        source.Hold.SetResult();
        var after = first;
        for (var i = 0; i < 600 && ReferenceEquals(after, first); i++)
        {
            await Task.Delay(50);
            after = await prior.GetAsync(CancellationToken.None);
        }

        Assert.All(during, rates => Assert.Same(first, rates));
        Assert.Equal(1 / 6.0, after["reframe"], 9);
        Assert.Equal(2, source.Reads);
    }

    [Fact]
    public async Task GetAsync_AnotherFailure_IsThrown()
    {
        // Only the store's own failure is an outage to ride out; anything else is a fault to see.
        var source = new Statistics { Counts = Counts(4, 0), Failure = new InvalidOperationException("A bug.") };
        var prior = new PopulationPrior(source, Refresh, background: true, new FakeTimeProvider());

        await Assert.ThrowsAsync<InvalidOperationException>(() => prior.GetAsync(CancellationToken.None));
    }

    private static Dictionary<string, KindOutcomeCounts> Counts(int helped, int notHelped) =>
        new(StringComparer.Ordinal) { ["reframe"] = new KindOutcomeCounts(helped + notHelped, helped, notHelped) };

    private sealed class Statistics : IPopulationStatistics
    {
        public IReadOnlyDictionary<string, KindOutcomeCounts> Counts { get; set; } = new Dictionary<string, KindOutcomeCounts>();

        public Exception? Failure { get; set; }

        /// <summary>When set, a read waits for it before answering.</summary>
        public TaskCompletionSource? Hold { get; set; }

        public int Reads => Volatile.Read(ref _reads);

        private int _reads;

        public async Task<IReadOnlyDictionary<string, KindOutcomeCounts>> GetKindOutcomesAsync(CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reads);
            if (Hold is { } hold)
            {
                await hold.Task.WaitAsync(cancellationToken);
            }

            return Failure is { } failure ? throw failure : Counts;
        }
    }
}
