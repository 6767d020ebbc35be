using Rapport.Context;

namespace Rapport.Server.Api.Contracts;

/// <summary>The memory block for the agent's prompt, and what it was made from.</summary>
public sealed record ContextView(
    string Text, int Tokens, IReadOnlyList<InterventionView> PastSuccesses, IReadOnlyList<InterventionView> ToAvoid, IReadOnlyList<string> Insights, bool Truncated)
{
    /// <summary>Returns the wire form of <paramref name="c"/>.</summary>
    public static ContextView From(MemoryContext c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Text, c.Tokens, [.. c.PastSuccesses.Select(InterventionView.From)], [.. c.ToAvoid.Select(InterventionView.From)], c.Insights, c.Truncated);
    }
}
