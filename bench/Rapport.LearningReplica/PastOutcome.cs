namespace Rapport.LearningReplica;

/// <summary>One of a simulated user's past interventions: the bank wording, the kind tried, whether it helped, the session.</summary>
internal sealed record PastOutcome(int Wording, int Kind, bool Helped, int Session);
