using Rapport.Demo;

namespace Rapport.Cli.Demo;

/// <summary>Averages the per-session rates of several seeds.</summary>
internal static class DemoAverages
{
    public static List<SessionRates> PerSession(IReadOnlyList<SimulationReport> reports) =>
        [.. Enumerable.Range(0, reports[0].Sessions.Count).Select(i => new SessionRates(
            i + 1,
            reports.Average(r => r.Sessions[i].NoMemory),
            reports.Average(r => r.Sessions[i].Rapport),
            reports.Average(r => r.Sessions[i].Oracle),
            reports.Average(r => r.Sessions[i].TypeAware)))];
}
