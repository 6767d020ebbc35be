namespace Rapport.Learning;

/// <summary>One intervention's outcome with its situation's vector, as population-level learning reads it: no ids, no text.</summary>
/// <param name="User">A number that is the same for all outcomes of one user within one read and differs between users; not an id.</param>
/// <param name="Kind">The kind of intervention.</param>
/// <param name="Helped">Whether it helped (outcomes not yet known are not read).</param>
/// <param name="Situation">The situation's vector as stored.</param>
public readonly record struct SituationOutcome(int User, string Kind, bool Helped, ReadOnlyMemory<float> Situation);
