namespace Rapport.Memory;

/// <summary>Vectors of two embedders would be mixed: the store is bound to another embedder than the one writing to it.</summary>
/// <remarks>Thrown by <see cref="RapportMemory.RecordAsync"/> (and every other write of vectors) when the store remembers another
/// embedder (<see cref="StoreEmbedder"/>); the message names <c>rapport reembed</c>, the way to move a store to a new embedder.</remarks>
public sealed class EmbeddingModelMismatchException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public EmbeddingModelMismatchException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public EmbeddingModelMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public EmbeddingModelMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="userId"/>, whose memories by other embedders are <paramref name="found"/>.</summary>
    public EmbeddingModelMismatchException(string userId, string searchingModel, IReadOnlyDictionary<string, long> found)
        : base(Describe(userId, searchingModel, found))
    {
        UserId = userId;
        SearchingModel = searchingModel;
        FoundModels = found;
    }

    /// <summary>Creates the exception for a write by <paramref name="embedder"/> into a store bound to <paramref name="storeEmbedder"/>.</summary>
    public static EmbeddingModelMismatchException ForStore(string storeEmbedder, string embedder) =>
        new(
            $"This store's memories are embedded by '{storeEmbedder}', but this process embeds with '{embedder}', and vectors of different " +
            $"embedders cannot be mixed; nothing was stored. Move the store to '{embedder}' with 'rapport reembed' (selecting that embedder, " +
            $"for example --embedder), or keep writing with '{storeEmbedder}'{Hint(storeEmbedder)}.")
        {
            StoreEmbedder = storeEmbedder,
            SearchingModel = embedder,
        };

    /// <summary>Gets the embedder the store is bound to, when the store refused a write.</summary>
    public string? StoreEmbedder { get; private init; }

    /// <summary>Gets the user whose memories were searched.</summary>
    public string UserId { get; } = "";

    /// <summary>Gets the embedder in use for the search.</summary>
    public string SearchingModel { get; private init; } = "";

    /// <summary>Gets the embedders that wrote the user's other memories, with how many each.</summary>
    public IReadOnlyDictionary<string, long> FoundModels { get; } = new Dictionary<string, long>();

    private static string Hint(string model) => model.StartsWith("hashing-", StringComparison.Ordinal) ? " (RAPPORT_EMBEDDER=hashing)" : "";

    private static string Describe(string userId, string searchingModel, IReadOnlyDictionary<string, long> found)
    {
        var others = string.Join(", ", found.OrderByDescending(p => p.Value).Select(p => $"{p.Value} by '{p.Key}'"));
        var hint = found.Keys.Any(k => k.StartsWith("hashing-", StringComparison.Ordinal)) ? "RAPPORT_EMBEDDER=hashing" : "RAPPORT_EMBEDDER=<that embedder>";
        return $"User '{userId}' has memories embedded by another embedder ({others}) than the one searching ('{searchingModel}'); " +
            "vectors of different embedders cannot be compared. Search with the embedder that wrote them " +
            $"({hint}), or forget this user's memories (rapport forget) and record them again with '{searchingModel}'.";
    }
}
