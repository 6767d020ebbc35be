using Rapport.Cli.Output;
using Rapport.Demo;
using Spectre.Console;

namespace Rapport.Cli.Demo;

/// <summary>Runs the demo's seeds one after another, with a progress bar when a person is watching.</summary>
internal static class DemoRunner
{
    public static async Task<List<SimulationReport>> RunAsync(CliConsole console, IReadOnlyList<SimulationOptions> runs, CancellationToken cancellationToken)
    {
        var reports = new List<SimulationReport>();
        if (!console.IsInteractive)
        {
            foreach (var run in runs)
            {
                console.Notice($"demo: seed {run.Seed}, {run.Users} users x {run.Sessions} sessions x {run.TurnsPerSession} interventions");
                reports.Add(await CohortSimulation.RunAsync(run, null, cancellationToken).ConfigureAwait(false));
            }

            return reports;
        }

        await console.Out.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                foreach (var run in runs)
                {
                    var task = progress.AddTask($"seed {run.Seed}", maxValue: run.Users * run.Sessions);
                    var report = new Progress<SimulationProgress>(p => task.Value = p.Done);
                    reports.Add(await CohortSimulation.RunAsync(run, report, cancellationToken).ConfigureAwait(false));
                    task.Value = task.MaxValue;
                }
            }).ConfigureAwait(false);
        return reports;
    }
}
