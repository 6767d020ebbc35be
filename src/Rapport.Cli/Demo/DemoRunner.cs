using System.Runtime.ExceptionServices;
using Rapport.Cli.Output;
using Rapport.Demo;
using Spectre.Console;

namespace Rapport.Cli.Demo;

/// <summary>Runs the demo's seeds at once, the machine's cores shared between them, with a progress bar per seed when a
/// person is watching.</summary>
/// <remarks>
/// A seed's users share one store, and a seed gains little from a second core (quiet 2-core machine: one seed of the default
/// demo 13.0 s with one worker, 12.8 s with two, which burned 23.5 s of CPU against 15.1 s; a warm seed 8.0-10.4 s against
/// 7.0-9.1 s; bench/results/README.md). Seeds share nothing but the embedder, so they run side by side instead, each with
/// <c>cores / seeds</c> workers (at least one). Each seed's users draw from their own random sources, so the results do not
/// depend on the schedule: the tables are those of seeds run one after another.
/// </remarks>
internal static class DemoRunner
{
    public static async Task<List<SimulationReport>> RunAsync(CliConsole console, IReadOnlyList<SimulationOptions> runs, CancellationToken cancellationToken)
    {
        var workers = Math.Max(1, Environment.ProcessorCount / Math.Max(1, runs.Count));
        foreach (var run in runs)
        {
            run.Parallelism = Math.Min(run.Parallelism, workers);
        }

        if (!console.IsInteractive)
        {
            foreach (var run in runs)
            {
                console.Notice($"demo: seed {run.Seed}, {run.Users} users x {run.Sessions} sessions x {run.TurnsPerSession} interventions");
            }

            return await AllAsync(runs, _ => null, cancellationToken).ConfigureAwait(false);
        }

        List<SimulationReport> reports = [];
        await console.Out.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var tasks = runs.Select(run => progress.AddTask($"seed {run.Seed}", maxValue: run.Users * run.Sessions)).ToList();
                reports = await AllAsync(runs, i => new Progress<SimulationProgress>(p => tasks[i].Value = p.Done), cancellationToken).ConfigureAwait(false);
                tasks.ForEach(t => t.Value = t.MaxValue);
            }).ConfigureAwait(false);
        return reports;
    }

    // Every seed on the thread pool at once; the first failure cancels the others and is the one thrown. Reports in seed order.
    private static async Task<List<SimulationReport>> AllAsync(
        IReadOnlyList<SimulationOptions> runs, Func<int, IProgress<SimulationProgress>?> progress, CancellationToken cancellationToken)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var seeds = runs.Select((run, i) => Task.Run(
            async () =>
            {
                try
                {
                    return await CohortSimulation.RunAsync(run, progress(i), failed.Token).ConfigureAwait(false);
                }
                catch
                {
                    await failed.CancelAsync().ConfigureAwait(false);
                    throw;
                }
            },
            CancellationToken.None)).ToList();
        try
        {
            return [.. await Task.WhenAll(seeds).ConfigureAwait(false)];
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && seeds.FirstOrDefault(t => t.IsFaulted) is { } first)
        {
            // A seed failed and the others stopped for it: report the failure, not the cancellations.
            ExceptionDispatchInfo.Throw(first.Exception!.InnerException!);
            throw;
        }
    }
}
