namespace Rapport.Evaluation.Retrieval;

/// <summary>A LoCoMo-format file as read by <see cref="LocomoReader"/>.</summary>
/// <param name="Conversations">The conversations.</param>
/// <param name="NormalizedEvidence">How many evidence ids were malformed but could be repaired (for example <c>D:11:26</c> or <c>D8:6; D9:17</c>).</param>
/// <param name="SkippedEvidence">How many evidence ids could not be read or named no turn, over all questions.</param>
public sealed record LocomoDataset(IReadOnlyList<LocomoConversation> Conversations, int NormalizedEvidence, int SkippedEvidence);
