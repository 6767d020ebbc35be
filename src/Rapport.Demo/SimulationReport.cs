namespace Rapport.Demo;

/// <summary>What a simulation run measured.</summary>
/// <param name="Seed">The seed.</param>
/// <param name="Users">The number of users.</param>
/// <param name="Kinds">The kinds of intervention.</param>
/// <param name="SituationTypes">The types of situation.</param>
/// <param name="Sessions">The success rates per session.</param>
/// <param name="Store">Where the Rapport coach's memories went.</param>
/// <param name="Interventions">How many interventions the Rapport coach recorded.</param>
/// <param name="LowQuality">How many of them were scored below the quality threshold.</param>
/// <param name="Spans">How many trace spans Rapport emitted during the run.</param>
/// <param name="Elapsed">How long the run took.</param>
public sealed record SimulationReport(
    int Seed,
    int Users,
    IReadOnlyList<string> Kinds,
    IReadOnlyList<string> SituationTypes,
    IReadOnlyList<SessionRates> Sessions,
    string Store,
    long Interventions,
    long LowQuality,
    long Spans,
    TimeSpan Elapsed)
{
    /// <summary>Gets the share of the gap Rapport closes in the last session.</summary>
    public double FinalGapClosed => Sessions[^1].GapClosed;

    /// <summary>Gets the share of the gap the type-aware reference learner closes in the last session.</summary>
    public double FinalTypeAwareGapClosed => Sessions[^1].TypeAwareGapClosed;
}
