namespace Rapport.Demo;

/// <summary>The share of interventions that helped in one session, over all users, for each coach.</summary>
/// <param name="Session">The session number, from 1.</param>
/// <param name="NoMemory">The coach without memory (a kind at random).</param>
/// <param name="Rapport">The built-in coach with Rapport's memory.</param>
/// <param name="Oracle">The coach that knows each user's hidden preferences.</param>
public sealed record SessionRates(int Session, double NoMemory, double Rapport, double Oracle)
{
    /// <summary>Gets the share of the gap between no memory and the oracle that Rapport closes (may be negative or above 1 by chance).</summary>
    public double GapClosed => Oracle - NoMemory is var gap && gap > 0 ? (Rapport - NoMemory) / gap : 0;
}
