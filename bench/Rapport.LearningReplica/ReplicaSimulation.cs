using System.Globalization;
using Rapport.Demo;
using Rapport.Learning;

namespace Rapport.LearningReplica;

/// <summary>The demo's cohort under the replica learner: hidden best kind per user and type (0.75, the others 0.15-0.45),
/// uniformly drawn types and wordings, a no-memory coach, the oracle and the type-aware reference on the same draws.</summary>
internal sealed class ReplicaSimulation(BankVectors bank, LearningOptions options, int users, int sessions, int turns, int seed)
{
    private const int Kinds = ReplicaLearner.Kinds;

    /// <summary>Runs the cohort; per session, the shares that helped: no memory, replica, oracle, type-aware reference.</summary>
    public double[][] Run()
    {
        var random = new Random(seed);
        var referenceRandom = new Random(seed + 7777);
        var success = new double[users][][];
        var best = new int[users][];
        for (var u = 0; u < users; u++)
        {
            best[u] = new int[BankVectors.Types];
            success[u] = new double[BankVectors.Types][];
            for (var t = 0; t < BankVectors.Types; t++)
            {
                best[u][t] = random.Next(Kinds);
                success[u][t] = [.. Enumerable.Range(0, Kinds).Select(k => k == best[u][t] ? 0.75 : 0.15 + (0.3 * random.NextDouble()))];
            }
        }

        var learner = new ReplicaLearner(bank, options);
        var histories = Enumerable.Range(0, users).Select(_ => new List<PastOutcome>()).ToArray();
        // The demo's own type-aware reference, one per user, told each situation's type.
        var kindNames = Enumerable.Range(0, Kinds).Select(k => $"kind-{k}").ToArray();
        var reference = Enumerable.Range(0, users).Select(_ => new TypeAwareLearner(kindNames)).ToArray();
        var rates = new double[sessions][];
        for (var s = 0; s < sessions; s++)
        {
            var all = histories.SelectMany((h, u) => h.Select(o => (User: u, Outcome: o))).ToList();
            var prior = Enumerable.Range(0, Kinds).Select(k => (all.Count(x => x.Outcome.Kind == k && x.Outcome.Helped) + 1.0) / (all.Count(x => x.Outcome.Kind == k) + 2.0)).ToArray();
            var metric = options.LearnSimilarityFromOutcomes ? LearnMetric(all) : null;
            var tally = new double[4];
            for (var u = 0; u < users; u++)
            {
                for (var turn = 0; turn < turns; turn++)
                {
                    var type = random.Next(BankVectors.Types);
                    var wording = BankVectors.Index(type, random.Next(BankVectors.Cores), random.Next(BankVectors.Openers), random.Next(BankVectors.Closers));
                    var draw = random.NextDouble();
                    var noMemory = random.Next(Kinds);
                    var referenceKind = Array.IndexOf(kindNames, reference[u].Choose(type.ToString(CultureInfo.InvariantCulture), referenceRandom));
                    var kind = learner.Choose(histories[u], wording, s, prior, metric);
                    var helped = draw < success[u][type][kind];
                    histories[u].Add(new PastOutcome(wording, kind, helped, s));
                    var referenceHelped = draw < success[u][type][referenceKind];
                    reference[u].Learn(type.ToString(CultureInfo.InvariantCulture), kindNames[referenceKind], referenceHelped);
                    tally[0] += draw < success[u][type][noMemory] ? 1 : 0;
                    tally[1] += helped ? 1 : 0;
                    tally[2] += draw < success[u][type][best[u][type]] ? 1 : 0;
                    tally[3] += referenceHelped ? 1 : 0;
                }
            }

            rates[s] = [.. tally.Select(x => x / (users * turns))];
        }

        return rates;
    }

    // As the store offers them: the most recent first, users numbered, only the vectors; the simulation's types never enter.
    private OutcomeMetric? LearnMetric(List<(int User, PastOutcome Outcome)> all)
    {
        var outcomes = all.OrderByDescending(x => x.Outcome.Session).Take(options.OutcomeMetricSamples)
            .Select(x => new SituationOutcome(x.User, $"kind-{x.Outcome.Kind}", x.Outcome.Helped, bank.Vectors[x.Outcome.Wording]))
            .ToList();
        return OutcomeMetric.Learn(outcomes, options.OutcomeMetricDimensions, options.OutcomeMetricMinimumUsers);
    }
}
