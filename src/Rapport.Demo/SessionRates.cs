namespace Rapport.Demo;

/// <summary>The share of interventions that helped in one session, over all users, for each coach.</summary>
/// <param name="Session">The session number, from 1.</param>
/// <param name="NoMemory">The coach without memory (a kind at random).</param>
/// <param name="Rapport">The built-in coach with Rapport's memory.</param>
/// <param name="Oracle">The coach that knows each user's hidden preferences.</param>
/// <param name="TypeAware">The reference learner that is told each situation's type (<see cref="TypeAwareLearner"/>): the
/// ceiling of learning from outcomes in this simulation.</param>
public sealed record SessionRates(int Session, double NoMemory, double Rapport, double Oracle, double TypeAware)
{
    /// <summary>Gets the share of the gap between no memory and the oracle that Rapport closes (may be negative or above 1 by chance).</summary>
    public double GapClosed => Share(Rapport);

    /// <summary>Gets the share of the same gap that the type-aware reference learner closes.</summary>
    public double TypeAwareGapClosed => Share(TypeAware);

    /// <summary>Gets Rapport's share of the gap as a fraction of the type-aware reference's (issue 19 asks for at least 0.9),
    /// or <see langword="null"/> when the reference closes none of it.</summary>
    public double? ShareOfReference => TypeAwareGapClosed > 0 ? GapClosed / TypeAwareGapClosed : null;

    private double Share(double rate) => Oracle - NoMemory is var gap && gap > 0 ? (rate - NoMemory) / gap : 0;
}
