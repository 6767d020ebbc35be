using Rapport.Demo;

namespace Rapport.Cli.Output;

/// <summary>One seed's results in <see cref="DemoJson"/>.</summary>
internal sealed record DemoSeedJson(int Seed, double GapClosed, double TypeAwareGapClosed, string Store, long Interventions, long LowQuality, long Spans, double Seconds, IReadOnlyList<SessionRates> Sessions)
{
    public static DemoSeedJson From(SimulationReport r) =>
        new(r.Seed, r.FinalGapClosed, r.FinalTypeAwareGapClosed, r.Store, r.Interventions, r.LowQuality, r.Spans, r.Elapsed.TotalSeconds, r.Sessions);
}
