using Rapport.Cli.Demo;
using Rapport.Demo;

namespace Rapport.Cli.Output;

/// <summary>The demo's results as printed with <c>--json</c>.</summary>
internal sealed record DemoJson(string Folder, IReadOnlyList<int> Seeds, double GapClosed, double TypeAwareGapClosed, double? ShareOfReference, IReadOnlyList<SessionRates> Mean, IReadOnlyList<DemoSeedJson> Runs)
{
    public static DemoJson From(IReadOnlyList<SimulationReport> reports, string folder)
    {
        var mean = DemoAverages.PerSession(reports);
        return new DemoJson(folder, [.. reports.Select(r => r.Seed)], mean[^1].GapClosed, mean[^1].TypeAwareGapClosed, mean[^1].ShareOfReference, mean, [.. reports.Select(DemoSeedJson.From)]);
    }
}
