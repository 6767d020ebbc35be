namespace Rapport.Evaluation.Retrieval;

/// <summary>One question of a LoCoMo-format conversation, with the turns that hold its answer.</summary>
/// <param name="Text">The question.</param>
/// <param name="Category">The question category (LoCoMo: 1 multi-hop, 2 temporal, 3 open-domain, 4 single-hop, 5 adversarial).</param>
/// <param name="Evidence">The evidence turn ids, normalized to <c>D{session}:{turn}</c>, distinct, each a turn of the conversation.</param>
/// <param name="SkippedEvidence">How many evidence ids could not be read or named no turn of the conversation.</param>
public sealed record LocomoQuestion(string Text, int Category, IReadOnlyList<string> Evidence, int SkippedEvidence);
