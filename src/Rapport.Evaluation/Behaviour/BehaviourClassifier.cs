using Microsoft.Extensions.AI;
using Rapport.Embeddings;
using Rapport.Evaluation.Internal;

namespace Rapport.Evaluation.Behaviour;

/// <summary>Codes one helper turn, read with the person's previous message, as a counselling behaviour (<see cref="BehaviourCode"/>).</summary>
/// <remarks>
/// Two small fitted models (docs/evaluation.md): with the all-MiniLM-L6-v2 embedder the model adds the cosine of the
/// turn with the previous message and the turn's embedding to the lexical pair features; without an embedder, with
/// the hashing fallback or with any other embedding model, a lexical-only model runs, and every
/// <see cref="BehaviourPrediction.Model"/> says which. English only. Thread-safe when the embedder is.
/// </remarks>
public sealed class BehaviourClassifier
{
    /// <summary>The embedding model the MiniLM behaviour model was fitted on.</summary>
    public const string MiniLmModelId = "all-MiniLM-L6-v2";

    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embedder;
    private readonly string _modelId = "";

    /// <summary>Creates a classifier using <paramref name="embedder"/> when it is all-MiniLM-L6-v2, else the lexical model.</summary>
    public BehaviourClassifier(IEmbeddingGenerator<string, Embedding<float>>? embedder = null)
    {
        var metadata = embedder?.GetService<EmbeddingGeneratorMetadata>();
        if (embedder is null)
        {
            ModelNote = "lexical model (no embedder)";
        }
        else if (metadata?.ProviderName == HashingEmbeddingGenerator.ProviderName)
        {
            ModelNote = "lexical model (the embedder is the hashing fallback)";
        }
        else if (!string.Equals(metadata?.DefaultModelId, MiniLmModelId, StringComparison.OrdinalIgnoreCase))
        {
            ModelNote = $"lexical model (the embedder is '{metadata?.DefaultModelId}', the behaviour model was fitted on {MiniLmModelId})";
        }
        else
        {
            _embedder = embedder;
            _modelId = metadata!.DefaultModelId!;
            ModelNote = "MiniLM model";
        }

        Model = _embedder is null ? BehaviourModelKind.Lexical : BehaviourModelKind.MiniLm;
    }

    /// <summary>Gets the model this classifier runs.</summary>
    public BehaviourModelKind Model { get; }

    /// <summary>Gets a short note saying which model runs and, for the lexical one, why.</summary>
    public string ModelNote { get; }

    /// <summary>Codes <paramref name="turn"/> with the lexical model, synchronously.</summary>
    public static BehaviourPrediction ClassifyLexical(string? previous, string? turn)
    {
        Span<double> features = stackalloc double[PairFeatures.Count];
        PairFeatures.Extract(Normalized(previous), Normalized(turn), features);
        return Predict(BehaviourModel.Lexical, features, BehaviourModelKind.Lexical);
    }

    /// <summary>Codes one turn with this classifier's model.</summary>
    public Task<BehaviourPrediction> ClassifyAsync(string? previous, string? turn, CancellationToken cancellationToken = default) =>
        ClassifyAsync(previous, turn, null, cancellationToken);

    /// <summary>Codes one turn with this classifier's model, taking the vectors in <paramref name="known"/> instead of embedding their texts again.</summary>
    public async Task<BehaviourPrediction> ClassifyAsync(string? previous, string? turn, KnownEmbeddings? known, CancellationToken cancellationToken = default) =>
        (await ClassifyAsync([new BehaviourPair(previous, turn ?? "")], known, cancellationToken).ConfigureAwait(false))[0];

    /// <summary>Codes every pair, embedding all distinct texts in one call when the MiniLM model runs.</summary>
    public Task<IReadOnlyList<BehaviourPrediction>> ClassifyAsync(IReadOnlyList<BehaviourPair> pairs, CancellationToken cancellationToken = default) =>
        ClassifyAsync(pairs, null, cancellationToken);

    /// <summary>Codes every pair, embedding in one call the distinct texts <paramref name="known"/> has no vector for (by this
    /// classifier's model) when the MiniLM model runs.</summary>
    public async Task<IReadOnlyList<BehaviourPrediction>> ClassifyAsync(
        IReadOnlyList<BehaviourPair> pairs, KnownEmbeddings? known, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (_embedder is null)
        {
            return [.. pairs.Select(p => ClassifyLexical(p.Previous, p.Turn))];
        }

        var texts = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        int Slot(string text)
        {
            if (!index.TryGetValue(text, out var slot))
            {
                index[text] = slot = texts.Count;
                texts.Add(text);
            }

            return slot;
        }

        var slots = pairs.Select(p => (Previous: p.Previous is null ? -1 : Slot(PlainText.Of(p.Previous)), Turn: Slot(PlainText.Of(p.Turn)))).ToList();
        var vectors = new ReadOnlyMemory<float>[texts.Count];
        var missing = new List<int>();
        for (var t = 0; t < texts.Count; t++)
        {
            if (known is null || !known.TryGet(_modelId, texts[t], out vectors[t]) || vectors[t].Length != BehaviourModel.EmbeddingDimensions)
            {
                missing.Add(t);
            }
        }

        if (missing.Count > 0)
        {
            var generated = await _embedder.GenerateAsync([.. missing.Select(t => texts[t])], cancellationToken: cancellationToken).ConfigureAwait(false);
            for (var m = 0; m < missing.Count; m++)
            {
                vectors[missing[m]] = generated[m].Vector;
            }
        }

        var features = new double[BehaviourModel.MiniLm.Features];
        var none = new float[BehaviourModel.EmbeddingDimensions];
        var result = new BehaviourPrediction[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            Array.Clear(features);
            PairFeatures.Extract(Normalized(pairs[i].Previous), Normalized(pairs[i].Turn), features.AsSpan(0, PairFeatures.Count));
            var previous = slots[i].Previous < 0 ? none : vectors[slots[i].Previous].Span;
            BehaviourModel.AddEmbedding(vectors[slots[i].Turn].Span, previous, features);
            result[i] = Predict(BehaviourModel.MiniLm, features, BehaviourModelKind.MiniLm);
        }

        return result;
    }

    internal static string Normalized(string? text) => text is null ? "" : PlainText.Normalize(PlainText.Of(text));

    private static BehaviourPrediction Predict(BehaviourModel model, ReadOnlySpan<double> features, BehaviourModelKind kind)
    {
        var probabilities = new double[BehaviourCodes.Count];
        model.Predict(features, probabilities);
        var best = 0;
        for (var k = 1; k < probabilities.Length; k++)
        {
            best = probabilities[k] > probabilities[best] ? k : best;
        }

        return new BehaviourPrediction((BehaviourCode)best, probabilities, kind);
    }
}
