using Microsoft.Extensions.Time.Testing;
using Rapport.Learning;

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
        var metric = new PopulationMetric(source, new LearningOptions { OutcomeMetricRefreshInBackground = false }, time);

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
    public async Task GetAsync_SourceFailsAtFirst_GoesOnWithoutAMetric_CountsTheError_AndTriesAgainAfterAMinute()
    {
        var source = new CountingSource(Population(new Random(4))) { FailuresLeft = 1 };
        var time = new FakeTimeProvider();
        var metric = new PopulationMetric(source, new LearningOptions(), time, "sqlite");
        using var errors = new StoreErrorListener();

        var failed = await metric.GetAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(59));
        var soon = await metric.GetAsync(CancellationToken.None);
        var readsWithinTheMinute = source.Reads;
        time.Advance(TimeSpan.FromSeconds(1));
        var learnt = await metric.GetAsync(CancellationToken.None);

        Assert.Null(failed);
        Assert.Null(soon);
        Assert.Equal(1, readsWithinTheMinute);
        Assert.NotNull(learnt);
        Assert.Equal(2, source.Reads);
        Assert.Contains(("sqlite", PopulationMetric.RefreshOperation, typeof(InvalidOperationException).FullName), errors.Seen);
    }

    [Fact]
    public async Task GetAsync_BackgroundRefreshFails_KeepsTheOldMetric()
    {
        var source = new CountingSource(Population(new Random(6)));
        var time = new FakeTimeProvider();
        var metric = new PopulationMetric(source, new LearningOptions(), time, "background-refresh-fails");
        using var errors = new StoreErrorListener();
        var first = await metric.GetAsync(CancellationToken.None);

        source.FailuresLeft = 1;
        time.Advance(TimeSpan.FromMinutes(10));
        var during = await metric.GetAsync(CancellationToken.None);
        // The refresh fails on the thread pool and is counted as it lands: wait for that (a fixed 200 ms could end before it on a
        // loaded machine, and "after" would then see the refresh still in flight, not what a failed one left).
        await errors.WaitForAsync("background-refresh-fails");
        var after = await metric.GetAsync(CancellationToken.None);

        Assert.Same(first, during);
        Assert.Same(first, after);
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
                throw new InvalidOperationException("The store is away.");
            }

            return [.. outcomes.Take(limit)];
        }
    }

    // Listens to rapport.store.errors while it lives.
    private sealed class StoreErrorListener : IDisposable
    {
        private readonly System.Diagnostics.Metrics.MeterListener _listener = new();

        public StoreErrorListener()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == Rapport.Telemetry.RapportTelemetryNames.SourceName && instrument.Name == Rapport.Telemetry.RapportTelemetryNames.StoreErrorsMetric)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            {
                var named = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var tag in tags)
                {
                    named[tag.Key] = tag.Value?.ToString();
                }

                lock (Seen)
                {
                    Seen.Add((named.GetValueOrDefault(Rapport.Telemetry.RapportTelemetryNames.GenAIDataSourceId),
                        named.GetValueOrDefault(Rapport.Telemetry.RapportTelemetryNames.Operation),
                        named.GetValueOrDefault(Rapport.Telemetry.RapportTelemetryNames.ErrorType)));
                }
            });
            _listener.Start();
        }

        public List<(string? Source, string? Operation, string? Error)> Seen { get; } = [];

        /// <summary>Waits, up to 30 s, until an error of <paramref name="source"/> is counted.</summary>
        public async Task WaitForAsync(string source)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline)
            {
                lock (Seen)
                {
                    if (Seen.Any(e => e.Source == source))
                    {
                        return;
                    }
                }

                await Task.Delay(20);
            }

            throw new TimeoutException($"No store error of {source} was counted within 30 s.");
        }

        public void Dispose() => _listener.Dispose();
    }
}
