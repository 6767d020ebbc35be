using System.Globalization;
using Rapport.Cli.Output;
using Rapport.Demo;
using Spectre.Console;

namespace Rapport.Cli.Demo;

/// <summary>Prints the demo's results: success rate per session (table and chart), the gap closed, and where things went.</summary>
internal static class DemoOutput
{
    public static void Write(CliConsole console, IReadOnlyList<SimulationReport> reports, string folder, string embedder)
    {
        var first = reports[0];
        var mean = DemoAverages.PerSession(reports);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{first.Users} users, {mean.Count} sessions, {first.Kinds.Count} kinds ({string.Join(", ", first.Kinds)}), {first.SituationTypes.Count} types of situation; seeds {string.Join(", ", reports.Select(r => r.Seed))}; embedder {embedder}"));
        var table = new Table().Title("Share of interventions that helped, mean over seeds").AddColumns("session", "no memory", "Rapport", "type-aware", "oracle", "gap closed", "type-aware closes");
        foreach (var row in mean)
        {
            table.AddRow(row.Session.ToString(CultureInfo.InvariantCulture), Percent(row.NoMemory), Percent(row.Rapport), Percent(row.TypeAware), Percent(row.Oracle), Percent(row.GapClosed), Percent(row.TypeAwareGapClosed));
        }

        console.Write(table);
        // The legend is a line of the chart, not the panel's header: a header longer than the chart was cut off.
        console.Write(new Panel(new Text(DemoChart.Render(mean) + "\n\n" + DemoChart.Legend)).Header("success rate per session"));
        foreach (var report in reports)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"seed {report.Seed}: Rapport closes {report.FinalGapClosed:P0} of the no-memory-to-oracle gap in session {report.Sessions.Count}, the type-aware reference {report.FinalTypeAwareGapClosed:P0}, ratio {Ratio(report.Sessions[^1])} ({report.Elapsed.TotalSeconds:0.0} s, {report.Interventions} interventions recorded, {report.LowQuality} low quality)"));
        }

        console.WriteMarkup(string.Create(CultureInfo.InvariantCulture,
            $"[bold]By session {mean[^1].Session} Rapport closes {mean[^1].GapClosed:P0} of the gap and a learner told each situation's type {mean[^1].TypeAwareGapClosed:P0}: " +
            $"{(mean[^1].ShareOfReference is { } share ? $"Rapport closes {share:P0} of what the type-aware reference closes" : "the reference closed none of the gap, so there is no ratio")}[/] (mean over {reports.Count} seeds; target 90%). " +
            $"The type-aware learner is the ceiling of learning from outcomes with this many interventions; Rapport must tell the types apart from the words."));
        console.WriteLine($"memories, scores and reflections: {Markup.Escape(folder)} (one SQLite store per seed, e.g. {Markup.Escape(first.Store)})");
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"evaluation: every Rapport intervention was scored and its scores stored with it; traces: {reports.Sum(r => r.Spans)} spans emitted on the 'Rapport' source (export with an OTLP endpoint)"));
        // Each run leaves its stores behind (tens of MB for the default cohort): say how much, and how to remove it.
        var bytes = Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) : 0;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"this run left {bytes / 1024.0 / 1024.0:0.0} MB in {Markup.Escape(folder)}; remove it with: rm -rf '{Markup.Escape(folder)}'"));
    }

    private static string Ratio(SessionRates rates) =>
        rates.ShareOfReference is { } share ? share.ToString("P0", CultureInfo.InvariantCulture) : "n/a (the reference closed none of the gap)";

    private static string Percent(double value) => value.ToString("P1", CultureInfo.InvariantCulture);
}
