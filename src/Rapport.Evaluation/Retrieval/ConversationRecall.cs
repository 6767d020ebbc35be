namespace Rapport.Evaluation.Retrieval;

/// <summary>Evidence recall of the questions of one conversation.</summary>
/// <param name="Conversation">The conversation's id.</param>
/// <param name="Turns">How many turns it stored.</param>
/// <param name="Questions">How many of its questions were scored.</param>
/// <param name="Dated">Whether every turn had a readable session date (then memories carry it as their time).</param>
/// <param name="Recall">Mean evidence recall in percent, by cut-off k.</param>
public sealed record ConversationRecall(string Conversation, int Turns, int Questions, bool Dated, IReadOnlyDictionary<int, double> Recall);
