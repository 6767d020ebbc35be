namespace Rapport.Evaluation.Retrieval;

/// <summary>One LoCoMo-format conversation: its turns in order and its questions.</summary>
/// <param name="Id">The sample id (or <c>conversation-N</c> when the file has none).</param>
/// <param name="Turns">The turns, session by session in file order.</param>
/// <param name="Questions">The questions.</param>
public sealed record LocomoConversation(string Id, IReadOnlyList<LocomoTurn> Turns, IReadOnlyList<LocomoQuestion> Questions);
