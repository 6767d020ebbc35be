using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Rapport.Learning;

namespace Rapport.Benchmarks.Learning;

/// <summary>What relearning the similarity learnt from outcomes costs (<see cref="LearningOptions.LearnSimilarityFromOutcomes"/>),
/// and how long a turn that finds it stale waits, with <see cref="LearningOptions.RefreshPopulationInBackground"/> off and on.</summary>
/// <remarks>
/// <para><c>dotnet run -c Release --project bench/Rapport.Benchmarks -- --metric-refresh [--rounds 5] [--samples 20000]</c></para>
/// <para>Synthetic outcomes in 384 dimensions: 40 per user, four sorts of situation with a best kind per user and sort, so
/// directions stand out as on the demo. Rounds alternate the learning on one thread and side by side, in one process;
/// medians. The turn's wait is the time <c>PopulationMetric.GetAsync</c> takes when the metric is stale, the outcomes read
/// from memory (a store's read comes on top when waiting).</para>
/// </remarks>
internal static class MetricRefreshProbe
{
    public static bool TryRun(string[] args)
    {
        if (!args.Contains("--metric-refresh"))
        {
            return false;
        }

        var rounds = ProbeArguments.Int(args, "--rounds", 5);
        var samples = ProbeArguments.Int(args, "--samples", new LearningOptions().OutcomeMetricSamples);
        var outcomes = Outcomes(samples, new Random(20261204));
        var options = new LearningOptions();
        Console.WriteLine($"--metric-refresh: {outcomes.Count} outcomes of {outcomes.Select(o => o.User).Distinct().Count()} users, 384 dimensions, {rounds} rounds, {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Trim()}");

        var one = new List<double>();
        var sideBySide = new List<double>();
        int? directions = null;
        for (var round = 0; round <= rounds; round++)
        {
            var start = Stopwatch.GetTimestamp();
            var sequential = OutcomeMetric.Learn(outcomes, options.OutcomeMetricDimensions, options.OutcomeMetricMinimumUsers, maxParallelism: 1);
            var t1 = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            start = Stopwatch.GetTimestamp();
            var parallel = OutcomeMetric.Learn(outcomes, options.OutcomeMetricDimensions, options.OutcomeMetricMinimumUsers);
            var t2 = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (sequential is null || parallel is null || !sequential.Axes.Zip(parallel.Axes).All(p => p.First.SequenceEqual(p.Second)))
            {
                throw new InvalidOperationException("Learning on one thread and side by side gave different directions (or none).");
            }

            directions = parallel.Axes.Length;
            if (round > 0)
            {
                one.Add(t1);
                sideBySide.Add(t2);
            }
        }

        Console.WriteLine($"learn, one thread:    median {Median(one):0} ms  (min {one.Min():0}, max {one.Max():0})");
        Console.WriteLine($"learn, side by side:  median {Median(sideBySide):0} ms  (min {sideBySide.Min():0}, max {sideBySide.Max():0}); {directions} directions, identical");

        foreach (var background in new[] { false, true })
        {
            var waits = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                var time = new FakeTimeProvider();
                var metric = new PopulationMetric(new InMemorySource(outcomes), new LearningOptions { RefreshPopulationInBackground = background }, time);
                var first = metric.GetAsync(CancellationToken.None).GetAwaiter().GetResult();
                time.Advance(options.OutcomeMetricRefresh);
                var start = Stopwatch.GetTimestamp();
                var stale = metric.GetAsync(CancellationToken.None).GetAwaiter().GetResult();
                waits.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (first is null || stale is null)
                {
                    throw new InvalidOperationException("No metric was learnt: the wait would be meaningless.");
                }

                // Let a background refresh finish before the next round is timed.
                while (ReferenceEquals(metric.GetAsync(CancellationToken.None).GetAwaiter().GetResult(), first))
                {
                    Thread.Sleep(20);
                }
            }

            Console.WriteLine($"turn finding it stale, {(background ? "in the background (default)" : "waiting")}: median {Median(waits):0.000} ms (max {waits.Max():0.000})");
        }

        return true;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    // Four sorts of situation apart along four axes, the rest of each vector noise; per user a best kind per sort among five.
    private static List<SituationOutcome> Outcomes(int count, Random random)
    {
        var outcomes = new List<SituationOutcome>(count);
        for (var user = 0; outcomes.Count < count; user++)
        {
            var best = Enumerable.Range(0, 4).Select(_ => random.Next(5)).ToArray();
            for (var i = 0; i < 40 && outcomes.Count < count; i++)
            {
                var sort = random.Next(4);
                var kind = random.Next(5);
                var vector = new float[384];
                for (var j = 0; j < vector.Length; j++)
                {
                    vector[j] = (float)(random.NextDouble() - 0.5) * 0.2f;
                }

                vector[sort] += 1;
                outcomes.Add(new SituationOutcome(user, $"kind-{kind}", random.NextDouble() < (kind == best[sort] ? 0.8 : 0.3), vector));
            }
        }

        return outcomes;
    }

    private sealed class InMemorySource(IReadOnlyList<SituationOutcome> outcomes) : ISituationOutcomeSource
    {
        public Task<IReadOnlyList<SituationOutcome>> GetSituationOutcomesAsync(int limit, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<SituationOutcome>>([.. outcomes.Take(limit)]);
    }
}
