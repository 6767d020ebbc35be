namespace Rapport.Cli.Output;

/// <summary>The recall of one conversation, as printed with <c>--json</c>.</summary>
internal sealed record RetrievalBenchConversationJson(string Conversation, int Turns, int Questions, bool Dated, Dictionary<string, double> Recall);
