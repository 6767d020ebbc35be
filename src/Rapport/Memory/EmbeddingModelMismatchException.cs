namespace Rapport.Memory;

/// <summary>A user's memories were embedded by another embedder than the one searching them, so they cannot be compared.</summary>
/// <remarks>Thrown by <see cref="RapportMemory.RecallAsync"/> instead of returning results that silently leave those memories out.</remarks>
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

    /// <summary>Gets the user whose memories were searched.</summary>
    public string UserId { get; } = "";

    /// <summary>Gets the embedder in use for the search.</summary>
    public string SearchingModel { get; } = "";

    /// <summary>Gets the embedders that wrote the user's other memories, with how many each.</summary>
    public IReadOnlyDictionary<string, long> FoundModels { get; } = new Dictionary<string, long>();

    private static string Describe(string userId, string searchingModel, IReadOnlyDictionary<string, long> found)
    {
        var others = string.Join(", ", found.OrderByDescending(p => p.Value).Select(p => $"{p.Value} by '{p.Key}'"));
        var hint = found.Keys.Any(k => k.StartsWith("hashing-", StringComparison.Ordinal)) ? "RAPPORT_EMBEDDER=hashing" : "RAPPORT_EMBEDDER=<that embedder>";
        return $"User '{userId}' has memories embedded by another embedder ({others}) than the one searching ('{searchingModel}'); " +
            "vectors of different embedders cannot be compared. Search with the embedder that wrote them " +
            $"({hint}), or forget this user's memories (rapport forget) and record them again with '{searchingModel}'.";
    }
}
