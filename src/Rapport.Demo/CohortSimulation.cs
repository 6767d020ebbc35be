using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Coaching;
using Rapport.Memory;
using Rapport.SelfImprovement;
using Rapport.Storage;
using Rapport.Telemetry;
using Rapport.Sqlite;

namespace Rapport.Demo;

/// <summary>Runs the demo: a simulated cohort meets three coaches (no memory, Rapport, oracle) on the same situations.</summary>
/// <remarks>
/// <para>
/// Each user has, per type of situation, a hidden best kind (drawn independently at random; it helps with probability
/// 0.75, the others with 0.15-0.45). Every turn, the user says a situation worded from <see cref="SituationBank"/>; the
/// coaches see only that text. The no-memory coach picks a kind at random, the oracle picks the user's best kind for
/// the situation's type, and the Rapport coach is the built-in <see cref="RapportCoach"/> over a fresh SQLite store, the
/// real memory service and the learning loop, told after each turn whether it helped and reflecting after each session.
/// The three coaches' outcomes are drawn with the same random number per turn, so they differ only by the kind chosen.
/// </para>
/// <para>Reproducible: the same options give the same rates (users run in parallel within a session, each with its own
/// random source, and the population prior is read once per session).</para>
/// </remarks>
public static class CohortSimulation
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Runs the simulation and returns the success rates per session.</summary>
    /// <exception cref="ArgumentException">An option is out of range, or the data folder is not empty.</exception>
    public static async Task<SimulationReport> RunAsync(
        SimulationOptions options, IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (Directory.Exists(options.DataFolder) && Directory.EnumerateFileSystemEntries(options.DataFolder).Any())
        {
            throw new ArgumentException($"The demo's data folder '{options.DataFolder}' is not empty: give a new or empty folder.", nameof(options));
        }

        Directory.CreateDirectory(options.DataFolder);
        var watch = Stopwatch.StartNew();
        using var spans = new SpanCounter();
        var clock = new SimulatedClock(Start);
        var store = SqliteMemoryStore.Open(Path.Combine(options.DataFolder, "rapport.db"), clock, SqliteDurability.Normal);
        await using var storeScope = store.ConfigureAwait(false);
        var embedder = options.Embedder as PhrasingEmbeddingCache ?? new PhrasingEmbeddingCache(options.Embedder);
        // Every situation is one of the bank's phrasings: embedding them up front costs less than one by one, and all in one
        // call lets the embedder sort the whole bank by length into batches (less padding) and run them on every core.
        await embedder.GenerateAsync([.. SituationBank.AllPhrasings()], cancellationToken: cancellationToken).ConfigureAwait(false);

        var population = new PopulationSnapshot<SqliteMemoryStore>(store);
        // The same composition root as every host: this run's store, embedder and clock registered first, untraced as before
        // (the spans counted are the memory service's and the loop's).
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<IMemoryStore>(store);
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(embedder);
        services.AddSingleton(TelemetryPrivacy.Default);
        foreach (var scorer in options.Scorers)
        {
            services.AddSingleton(scorer);
        }

        services.AddRapport(o =>
        {
            o.Home = options.DataFolder;
            o.Telemetry.Enabled = false;
            o.Loop.Population = population;
            if (options.Learning is { } learning)
            {
                Copy(learning, o.Loop.Learning);
            }

            o.Loop.Learning.PopulationRefresh = TimeSpan.Zero;
            // The simulated clock moves a day per session and stands still within one, so the similarity learnt from outcomes
            // (OutcomeMetricRefresh, 10 minutes) is relearnt from the session's snapshot once, at its first turn, and every turn
            // waits for it (and for the rates): in the background, which turns saw the old values would depend on timing.
            o.Loop.Learning.RefreshPopulationInBackground = false;
        });
        var provider = services.BuildServiceProvider();
        await using var providerScope = provider.ConfigureAwait(false);
        var loop = provider.GetRequiredService<RapportLoop>();
        var coach = provider.GetRequiredService<RapportCoach>();
        var kinds = coach.Kinds.Select(k => k.Name).ToList();
        var types = SituationBank.Types.Keys.ToList();
        var random = new Random(options.Seed);
        var users = Enumerable.Range(1, options.Users).Select(i => new SimulatedUser($"user-{i:D4}", types, kinds, random)).ToList();
        var tallies = Enumerable.Range(0, options.Sessions).Select(_ => new Tally()).ToList();
        var done = 0;
        var lowQuality = new RunCounter();
        for (var session = 0; session < options.Sessions; session++)
        {
            clock.Now = Start.AddDays(session);
            await population.RefreshAsync(options.Learning?.OutcomeMetricSamples ?? new Rapport.Learning.LearningOptions().OutcomeMetricSamples, cancellationToken).ConfigureAwait(false);
            var tally = tallies[session];
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken };
            var sessionIndex = session;
            await Parallel.ForEachAsync(Enumerable.Range(0, users.Count), parallel, async (u, ct) =>
            {
                var turns = new UserSession(users[u], u, sessionIndex, options, kinds, types);
                await turns.RunAsync(coach, loop, clock.Now, tally, lowQuality, ct).ConfigureAwait(false);
                progress?.Report(new SimulationProgress(Interlocked.Increment(ref done), options.Users * options.Sessions));
            }).ConfigureAwait(false);
        }

        var stats = await store.GetStatsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var rates = tallies.Select((t, i) => t.ToRates(i + 1)).ToList();
        return new SimulationReport(
            options.Seed, options.Users, kinds, types, rates, store.Description, stats.Interventions,
            lowQuality.Value, spans.Count, watch.Elapsed);
    }

    private static void Copy(Rapport.Learning.LearningOptions from, Rapport.Learning.LearningOptions to)
    {
        to.HalfLife = from.HalfLife;
        to.PriorStrength = from.PriorStrength;
        to.History = from.History;
        to.SimilarityMidpoint = from.SimilarityMidpoint;
        to.SimilarityWidth = from.SimilarityWidth;
        to.SameTroubleSimilarity = from.SameTroubleSimilarity;
        to.GroupingWeight = from.GroupingWeight;
        to.GroupingThreshold = from.GroupingThreshold;
        to.CenterSimilarities = from.CenterSimilarities;
        to.BaseWeight = from.BaseWeight;
        to.LearnSimilarityFromOutcomes = from.LearnSimilarityFromOutcomes;
        to.OutcomeSimilarityMidpoint = from.OutcomeSimilarityMidpoint;
        to.OutcomeMetricDimensions = from.OutcomeMetricDimensions;
        to.OutcomeMetricMinimumUsers = from.OutcomeMetricMinimumUsers;
        to.OutcomeMetricSamples = from.OutcomeMetricSamples;
        to.OutcomeMetricRefresh = from.OutcomeMetricRefresh;
        to.Exploration = from.Exploration;
        to.ExplorationWeight = from.ExplorationWeight;
        to.Seed = from.Seed;
    }
}
