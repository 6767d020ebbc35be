using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Rapport.Embeddings;

/// <summary>Vectors the caller already has for some texts, and the model that made them: a scorer that embeds the same texts
/// with the same model takes them from here instead of running the model again.</summary>
/// <remarks>
/// A completed turn passes the situation's vector from <c>PrepareTurnAsync</c>, so the supportiveness scorer embeds only the
/// response (one model run per text instead of two for the situation). The context's contents name the model and the number of
/// texts, never the texts, so evaluation reports that list the context carry no user text.
/// </remarks>
public sealed class KnownEmbeddings : EvaluationContext
{
    /// <summary>The context's name in evaluation reports.</summary>
    public const string ContextName = "Known embeddings";

    private readonly Dictionary<string, ReadOnlyMemory<float>> _vectors;

    /// <summary>Creates the context for vectors made by <paramref name="modelId"/> (as <see cref="EmbedderIdentity.Of"/> names it).</summary>
    /// <exception cref="ArgumentException">The model id is empty or a vector is empty.</exception>
    public KnownEmbeddings(string modelId, IEnumerable<KeyValuePair<string, ReadOnlyMemory<float>>> vectors)
        : this(modelId, ToDictionary(vectors))
    {
    }

    private KnownEmbeddings(string modelId, Dictionary<string, ReadOnlyMemory<float>> vectors)
        : base(ContextName, new TextContent($"{vectors.Count} vector(s) by {modelId}"))
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        ModelId = modelId;
        _vectors = vectors;
    }

    /// <summary>Gets the model that made the vectors.</summary>
    public string ModelId { get; }

    /// <summary>Gets the vector for <paramref name="text"/> when it was made by <paramref name="modelId"/>.</summary>
    public bool TryGet(string modelId, string text, out ReadOnlyMemory<float> vector)
    {
        vector = default;
        return string.Equals(modelId, ModelId, StringComparison.Ordinal) && _vectors.TryGetValue(text, out vector);
    }

    /// <summary>Finds the <see cref="KnownEmbeddings"/> among <paramref name="additionalContext"/>, if any.</summary>
    public static KnownEmbeddings? In(IEnumerable<EvaluationContext>? additionalContext) =>
        additionalContext?.OfType<KnownEmbeddings>().FirstOrDefault();

    private static Dictionary<string, ReadOnlyMemory<float>> ToDictionary(IEnumerable<KeyValuePair<string, ReadOnlyMemory<float>>> vectors)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        var result = new Dictionary<string, ReadOnlyMemory<float>>(StringComparer.Ordinal);
        foreach (var (text, vector) in vectors)
        {
            ArgumentNullException.ThrowIfNull(text);
            if (vector.IsEmpty)
            {
                throw new ArgumentException("A known embedding must not be empty.", nameof(vectors));
            }

            result[text] = vector;
        }

        return result;
    }
}
