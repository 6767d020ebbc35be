using Microsoft.Extensions.Time.Testing;
using Rapport.Learning;
using Rapport.Storage;

namespace Rapport.Tests.Learning;

public sealed class PopulationMetricTests
{
    [Fact]
    public async Task GetAsync_WithinTheRefreshInterval_ReadsTheOutcomesOnce()
    {
        var source = new CountingSource(Population(new Random(1)));
        var time = new FakeTimeProvider();
        var metric = new PopulationMetric(source, new LearningOptions(), time);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => metric.GetAsync(CancellationToken.None))));
        time.Advance(TimeSpan.FromMinutes(9));
        var later = await metric.GetAsync(CancellationToken.None);

        Assert.Equal(1, source.Reads);
        Assert.NotNull(results[0]);
        Assert.All(results, r => Assert.Same(results[0], r));
        Assert.Same(results[0], later);
    }

    [Fact]
    public async Task GetAsync_AfterTheRefreshInterval_NotInBackground_WaitsForTheNewMetric()
    {
        var source = new CountingSource(Population(new Random(2)));
        var time = new FakeTimeProvider();
        var metric = new PopulationMetric(source, new LearningOptions { RefreshPopulationInBackground = false }, time);

        var first = await metric.GetAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(10));
        var second = await metric.GetAsync(CancellationToken.None);

        Assert.Equal(2, source.Reads);
        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.NotSame(first, second);
    }

    [Fact]
    public async Task GetAsync_AfterTheRefreshInterval_InBackground_GoesOnWithTheOldMetricUntilTheNewIsLearnt()
    {
        var source = new CountingSource(Population(new Random(5)));
        var time = new FakeTimeProvider();
        var metric = new PopulationMetric(source, new LearningOptions(), time);
        var first = await metric.GetAsync(CancellationToken.None);

        source.Hold = new TaskCompletionSource();
        time.Advance(TimeSpan.FromMinutes(10));
        // A caller that waited for the held refresh would time out here.
        var whileLearning = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => metric.GetAsync(CancellationToken.None))).WaitAsync(TimeSpan.FromSeconds(10));
        source.Hold.SetResult();
        var learnt = await WaitForAnotherAsync(metric, first);

        Assert.NotNull(first);
        Assert.All(whileLearning, m => Assert.Same(first, m));
        Assert.NotSame(first, learnt);
        Assert.Equal(2, source.Reads);
    }

    [Fact]
    public async Task GetAsync_StoreCannotAnswer_KeepsTheMetricItHad_CountsIt_AndTriesAgainAfterAMinute()
    {
        var source = new CountingSource(Population(new Random(5)));
        var time = new FakeTimeProvider();
        var metric = new PopulationMetric(source, new LearningOptions { RefreshPopulationInBackground = false }, time, "fake-metric");
        using var errors = new StoreErrors("fake-metric", PopulationMetric.Operation);
        var learnt = await metric.GetAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(10));
        source.FailuresLeft = 1;
        source.Failure = () => new MemoryStoreException("Redis is unreachable.");
        var during = await metric.GetAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(59));
        var soon = await metric.GetAsync(CancellationToken.None);
        var readsWithinTheMinute = source.Reads;
        time.Advance(TimeSpan.FromSeconds(1));
        var after = await metric.GetAsync(CancellationToken.None);

        Assert.NotNull(learnt);
        Assert.Same(learnt, during);
        Assert.Same(learnt, soon);
        Assert.Equal(2, readsWithinTheMinute);
        Assert.NotNull(after);
        Assert.NotSame(learnt, after);
        Assert.Equal(3, source.Reads);
        Assert.Equal(1, errors.Count);
    }

    [Fact]
    public async Task GetAsync_StoreCannotAnswerAtFirst_ReturnsNull()
    {
        var source = new CountingSource(Population(new Random(6))) { FailuresLeft = 1, Failure = () => new MemoryStoreException("Redis is unreachable.") };

        Assert.Null(await new PopulationMetric(source, new LearningOptions(), new FakeTimeProvider()).GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetAsync_AFault_IsThrownToTheTurnThatWaited_ThenNotRetriedForAMinute()
    {
        // Only the store's own failure is an outage to ride out; anything else is a fault to see, but not at every turn.
        var source = new CountingSource(Population(new Random(4))) { FailuresLeft = 1 };
        var time = new FakeTimeProvider();
        var metric = new PopulationMetric(source, new LearningOptions(), time, "fake-fault");
        using var errors = new StoreErrors("fake-fault", PopulationMetric.Operation);

        await Assert.ThrowsAsync<InvalidOperationException>(() => metric.GetAsync(CancellationToken.None));
        var soon = await metric.GetAsync(CancellationToken.None);
        time.Advance(PeriodicRead<OutcomeMetric?>.RetryAfterFailure);
        var learnt = await metric.GetAsync(CancellationToken.None);

        Assert.Null(soon);
        Assert.NotNull(learnt);
        Assert.Equal(2, source.Reads);
        Assert.Equal(1, errors.Count);
    }

    [Fact]
    public async Task GetAsync_BackgroundRefreshFaults_KeepsTheOldMetric_AndCountsIt()
    {
        var source = new CountingSource(Population(new Random(7)));
        var time = new FakeTimeProvider();
        var metric = new PopulationMetric(source, new LearningOptions(), time, "fake-background");
        using var errors = new StoreErrors("fake-background", PopulationMetric.Operation);
        var first = await metric.GetAsync(CancellationToken.None);

        source.FailuresLeft = 1;
        time.Advance(TimeSpan.FromMinutes(10));
        var during = await metric.GetAsync(CancellationToken.None);
        for (var i = 0; i < 600 && errors.Count == 0; i++)
        {
            await Task.Delay(50);
        }

        var after = await metric.GetAsync(CancellationToken.None);

        Assert.NotNull(first);
        Assert.Same(first, during);
        Assert.Same(first, after);
        Assert.Equal(1, errors.Count);
        Assert.Equal(2, source.Reads);
    }

    // Polls until the metric is another than `old` (the background refresh has landed), for at most 30 s.
    private static async Task<OutcomeMetric?> WaitForAnotherAsync(PopulationMetric metric, OutcomeMetric? old)
    {
        for (var i = 0; i < 600; i++)
        {
            var now = await metric.GetAsync(CancellationToken.None);
            if (!ReferenceEquals(now, old))
            {
                return now;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The background refresh never replaced the metric.");
    }

    [Fact]
    public async Task GetAsync_LearningOffOrNoSource_ReturnsNullWithoutReading()
    {
        var source = new CountingSource(Population(new Random(3)));

        var off = await new PopulationMetric(source, new LearningOptions { LearnSimilarityFromOutcomes = false }, new FakeTimeProvider()).GetAsync(CancellationToken.None);
        var none = await new PopulationMetric(null, new LearningOptions(), new FakeTimeProvider()).GetAsync(CancellationToken.None);

        Assert.Null(off);
        Assert.Null(none);
        Assert.Equal(0, source.Reads);
    }

    // 60 users, two sorts of situation along the first of 8 axes, a best kind per user and sort among three.
    private static List<SituationOutcome> Population(Random random)
    {
        var outcomes = new List<SituationOutcome>();
        for (var user = 0; user < 60; user++)
        {
            int[] best = [random.Next(3), random.Next(3)];
            for (var i = 0; i < 30; i++)
            {
                var sort = random.Next(2);
                var kind = random.Next(3);
                var vector = new float[8];
                vector[0] = sort == 0 ? 1 : -1;
                vector[1 + random.Next(7)] = 1;
                outcomes.Add(new SituationOutcome(user, $"kind-{kind}", random.NextDouble() < (kind == best[sort] ? 0.9 : 0.1), vector));
            }
        }

        return outcomes;
    }

    private sealed class CountingSource(IReadOnlyList<SituationOutcome> outcomes) : ISituationOutcomeSource
    {
        private int _reads;

        public int Reads => _reads;

        public int FailuresLeft { get; set; }

        public Func<Exception> Failure { get; set; } = () => new InvalidOperationException("A bug.");

        /// <summary>When set, a read waits for it before answering.</summary>
        public TaskCompletionSource? Hold { get; set; }

        public async Task<IReadOnlyList<SituationOutcome>> GetSituationOutcomesAsync(int limit, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reads);
            // Slow enough that concurrent callers meet the refresh in flight.
            await Task.Delay(50, cancellationToken);
            if (Hold is { } hold)
            {
                await hold.Task.WaitAsync(cancellationToken);
            }

            if (FailuresLeft-- > 0)
            {
                throw Failure();
            }

            return [.. outcomes.Take(limit)];
        }
    }
}
