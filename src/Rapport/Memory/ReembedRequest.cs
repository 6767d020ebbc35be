namespace Rapport.Memory;

/// <summary>What <see cref="RapportMemory.ReembedAsync"/> re-embeds.</summary>
public sealed record ReembedRequest
{
    /// <summary>Gets the one user to re-embed, or <see langword="null"/> for every user of the store.</summary>
    public string? UserId { get; init; }

    /// <summary>Gets how many situations are embedded per call to the embedder (and written per store call).</summary>
    /// <value>The default is 64.</value>
    public int BatchSize { get; init; } = 64;

    /// <summary>Throws unless the request is usable.</summary>
    public void Validate()
    {
        if (UserId is not null)
        {
            MemoryIds.ValidateUserId(UserId, nameof(UserId));
        }

        if (BatchSize is < 1 or > 4_096)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, $"Invalid batch size {BatchSize}: use 1 to 4096.");
        }
    }
}
