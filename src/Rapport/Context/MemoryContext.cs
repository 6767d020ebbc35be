using Rapport.Memory;

namespace Rapport.Context;

/// <summary>The text block memory adds to the agent's prompt, and what it was made from.</summary>
/// <param name="UserId">The user it is about.</param>
/// <param name="Text">The block, ready to add to the system prompt; empty when memory has nothing to say.</param>
/// <param name="Tokens">Its size in tokens.</param>
/// <param name="PastSuccesses">What helped this user in similar situations (never low quality), most similar first.</param>
/// <param name="ToAvoid">What did not help this user in similar situations, most similar first.</param>
/// <param name="Insights">The latest insights from the user's session reflections.</param>
/// <param name="Truncated">Whether lines were left out to stay within the token budget.</param>
public sealed record MemoryContext(
    string UserId,
    string Text,
    int Tokens,
    IReadOnlyList<Intervention> PastSuccesses,
    IReadOnlyList<Intervention> ToAvoid,
    IReadOnlyList<string> Insights,
    bool Truncated);
