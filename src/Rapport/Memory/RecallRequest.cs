using Rapport.Search;

namespace Rapport.Memory;

/// <summary>A question to memory: which of this user's past situations are most like this one?</summary>
/// <remarks>The filters (<see cref="MemoryFilter"/>) are the same a store's search takes.</remarks>
public sealed record RecallRequest : MemoryFilter
{
    /// <summary>Gets the current situation, as text.</summary>
    public required string Query { get; init; }

    /// <summary>Gets how results are ranked, or <see langword="null"/> for the service's default (hybrid unless configured).</summary>
    public SearchMode? Mode { get; init; }

    /// <summary>Gets the vector of <see cref="Query"/> when the caller already has it (the loop's turn embeds once), else <see langword="null"/>.</summary>
    internal ReadOnlyMemory<float>? Embedding { get; init; }
}
