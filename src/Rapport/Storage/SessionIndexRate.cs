namespace Rapport.Storage;

/// <summary>Outcomes of every user's n-th session: the learning curve across users.</summary>
/// <param name="Session">The session index, from 1 (each user's sessions ordered by their first intervention).</param>
/// <param name="Users">How many users had an n-th session.</param>
/// <param name="Helped">Interventions in those sessions that helped.</param>
/// <param name="NotHelped">Interventions in those sessions that did not help.</param>
public sealed record SessionIndexRate(int Session, long Users, long Helped, long NotHelped)
{
    /// <summary>Gets the share of reported outcomes that helped, or <see langword="null"/> when none was reported.</summary>
    public double? SuccessRate => Helped + NotHelped is > 0 and var n ? (double)Helped / n : null;
}
