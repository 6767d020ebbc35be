namespace Rapport.Context;

/// <summary>Configures the memory context injected into the agent's prompt.</summary>
public sealed class MemoryContextOptions
{
    /// <summary>Gets or sets the most tokens the context may take (counted with the cl100k_base tokenizer by default).</summary>
    /// <value>The default is 300.</value>
    public int MaxTokens { get; set; } = 300;

    /// <summary>Gets or sets how many past successes and how many things to avoid are listed at most.</summary>
    /// <value>The default is 3 of each.</value>
    public int MaxCases { get; set; } = 3;

    /// <summary>Gets or sets the least similarity a past situation needs to be called similar.</summary>
    /// <value>The default is 0.3.</value>
    public double MinSimilarity { get; set; } = 0.3;

    /// <summary>Gets or sets how many of the latest insights are included.</summary>
    /// <value>The default is 3.</value>
    public int MaxInsights { get; set; } = 3;

    /// <summary>Throws unless every value is in range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTokens, 16, nameof(MaxTokens));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxCases, nameof(MaxCases));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxInsights, nameof(MaxInsights));
        if (MinSimilarity is < -1 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinSimilarity), MinSimilarity, "The minimum similarity must be in -1..1.");
        }
    }
}
