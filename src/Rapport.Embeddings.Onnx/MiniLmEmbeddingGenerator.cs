using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;
using Rapport.Embeddings;
using Rapport.Embeddings.Onnx.Internal;
using Rapport.Embeddings.Onnx.Internal.Bert;

namespace Rapport.Embeddings.Onnx;

/// <summary>Embeds text with all-MiniLM-L6-v2 in process on ONNX Runtime: 384 dimensions, mean pooled, L2-normalized.</summary>
/// <remarks>
/// <para>
/// Create it with <see cref="Load"/>: the model files are verified against their pinned hashes (a corrupt or
/// truncated file is an <see cref="EmbeddingModelException"/>, never wrong vectors), the ONNX graph is built from
/// the weights on first use and cached on disk, and later starts load the cached graph.
/// </para>
/// <para>
/// Thread-safe: any number of calls may run at once. Texts longer than <see cref="MiniLmEmbeddingOptions.MaxTokens"/>
/// tokens are truncated; inputs are split into batches of at most <see cref="MiniLmEmbeddingOptions.MaxBatchSize"/>
/// texts of similar length, and a call large enough is split into batches that run on several cores at once
/// (<see cref="MiniLmEmbeddingOptions.MaxParallelRuns"/>). Cancellation is checked between batches and stops a running
/// batch. The work is CPU-bound and done on the calling thread and, for large calls, on thread-pool threads. Disposing releases the native session; calls after that throw.
/// </para>
/// </remarks>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly BertTokenizer _tokenizer;
    private readonly EncoderSession _session;
    private readonly EncoderSession? _querySession;
    private readonly MiniLmEmbeddingOptions _options;
    private readonly EmbeddingGeneratorMetadata _metadata;
    private readonly EmbeddingPurposeSupport _purposes;
    private volatile bool _disposed;

    private MiniLmEmbeddingGenerator(
        BertTokenizer tokenizer, EncoderSession session, EncoderSession? querySession, MiniLmEmbeddingOptions options, ModelFiles files, string graphPath)
    {
        _tokenizer = tokenizer;
        _session = session;
        _querySession = querySession;
        _purposes = new EmbeddingPurposeSupport(DistinguishesPurposes: querySession is not null);
        _options = options;
        Files = files;
        GraphPath = graphPath;
        _metadata = new EmbeddingGeneratorMetadata("rapport-onnx", defaultModelId: MiniLmModel.ModelId, defaultModelDimensions: MiniLmModel.Dimensions);
    }

    /// <summary>Gets the model files in use.</summary>
    public ModelFiles Files { get; }

    /// <summary>Gets the path of the cached ONNX graph in use for memories (documents), and for queries when they are not quantized.</summary>
    public string GraphPath { get; }

    /// <summary>Gets the path of the cached int8 graph that embeds queries, or <see langword="null"/> when queries use <see cref="GraphPath"/>.</summary>
    public string? QueryGraphPath { get; private init; }

    /// <summary>Gets a value indicating whether queries run the int8 graph (<see cref="MiniLmEmbeddingOptions.QuantizedQueries"/>).</summary>
    public bool QuantizedQueries => _querySession is not null;

    /// <summary>Gets a value indicating whether this instance built the graph (no cached graph was usable).</summary>
    public bool BuiltGraph { get; private init; }

    /// <summary>Verifies the model files, builds or loads the cached graph(s), and starts the ONNX Runtime session(s).</summary>
    /// <exception cref="EmbeddingModelException">A model file is missing, corrupt or unusable.</exception>
    public static MiniLmEmbeddingGenerator Load(MiniLmEmbeddingOptions? options = null)
    {
        options ??= new MiniLmEmbeddingOptions();
        options.Validate();
        var int8Queries = options.ResolveQuantizedQueries();
        var files = new ModelFiles(ModelLocation.ResolveModelDirectory(options.ModelDirectory));
        var cache = ModelLocation.ResolveGraphCacheDirectory(options.GraphCacheDirectory);
        try
        {
            // With intact cached graphs, the runtime sessions start while the model files are verified (the two
            // take about as long); no vector is produced unless verification passes. A graph is only ever built
            // from verified weights.
            var starting = StartCached(cache, int8: false, options.IntraOpThreads);
            var startingQuery = int8Queries ? StartCached(cache, int8: true, options.IntraOpThreads) : Task.FromResult<EncoderSession?>(null);
            BertTokenizer tokenizer;
            try
            {
                files.Verify();
                tokenizer = BertTokenizerLoader.Load(files.Tokenizer);
            }
            catch
            {
                DisposeWhenStarted(starting);
                DisposeWhenStarted(startingQuery);
                throw;
            }

            var (session, graph, built) = StartedOrRebuilt(starting, files, cache, int8: false, options.IntraOpThreads);
            EncoderSession? querySession = null;
            string? queryGraph = null;
            var builtQuery = false;
            if (int8Queries)
            {
                try
                {
                    (querySession, queryGraph, builtQuery) = StartedOrRebuilt(startingQuery, files, cache, int8: true, options.IntraOpThreads);
                }
                catch
                {
                    session.Dispose();
                    throw;
                }
            }

            return new MiniLmEmbeddingGenerator(tokenizer, session, querySession, options, files, graph)
            {
                BuiltGraph = built || builtQuery,
                QueryGraphPath = queryGraph,
            };
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException or OnnxRuntimeException or System.Text.Json.JsonException)
        {
            throw new EmbeddingModelException(
                $"Could not load the local embedding model from '{files.Directory}' (graph cache '{cache}'): {e.Message}", e);
        }
    }

    private static Task<EncoderSession?> StartCached(string cache, bool int8, int intraOpThreads)
    {
        var graph = GraphCache.PathFor(cache, int8);
        return GraphCache.IsIntact(graph) ? Task.Run(() => TryStart(graph, intraOpThreads)) : Task.FromResult<EncoderSession?>(null);
    }

    private static void DisposeWhenStarted(Task<EncoderSession?> starting) =>
        _ = starting.ContinueWith(t => t.Result?.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

    private static (EncoderSession Session, string Graph, bool Built) StartedOrRebuilt(
        Task<EncoderSession?> starting, ModelFiles files, string cache, bool int8, int intraOpThreads)
    {
        var session = starting.GetAwaiter().GetResult();
        var graph = GraphCache.PathFor(cache, int8);
        if (session is not null)
        {
            return (session, graph, false);
        }

        // No cached graph, a damaged one, or one ONNX Runtime rejects (for example after a runtime upgrade): rebuild.
        GraphCache.Discard(graph);
        (graph, _) = GraphCache.Ensure(files, cache, int8);
        return (new EncoderSession(graph, intraOpThreads), graph, true);
    }

    /// <inheritdoc />
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var session = _querySession is not null && EmbeddingPurposes.Of(options) == EmbeddingPurpose.Query ? _querySession : _session;
        var vectors = Embed([.. values], session, cancellationToken);
        var result = new GeneratedEmbeddings<Embedding<float>>(vectors.Length);
        foreach (var vector in vectors)
        {
            result.Add(new Embedding<float>(vector) { ModelId = MiniLmModel.ModelId });
        }

        return Task.FromResult(result);
    }

    /// <summary>Embeds texts synchronously as memories (documents, fp32); one L2-normalized vector per text, in input order.</summary>
    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) => Embed(texts, _session, cancellationToken);

    /// <summary>Embeds texts synchronously as queries (the int8 graph when <see cref="QuantizedQueries"/>); one L2-normalized vector
    /// per text, in input order.</summary>
    public float[][] EmbedQueries(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
        Embed(texts, _querySession ?? _session, cancellationToken);

    private float[][] Embed(IReadOnlyList<string> texts, EncoderSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var tokens = new int[texts.Count][];
        for (var i = 0; i < tokens.Length; i++)
        {
            var text = texts[i] ?? throw new ArgumentException($"Text {i} is null; every text must be a string (empty is allowed).", nameof(texts));
            tokens[i] = Tokenize(text);
        }

        // Similar lengths share a batch, so little compute goes to padding; batches run on several cores at once.
        var order = Enumerable.Range(0, tokens.Length).OrderBy(i => tokens[i].Length).ToArray();
        var vectors = new float[tokens.Length][];
        if (order.Length == 0)
        {
            return vectors;
        }

        var size = (order.Length + BatchCount(order.Length) - 1) / BatchCount(order.Length);
        var batches = (order.Length + size - 1) / size;
        if (batches == 1)
        {
            RunBatch(session, order, tokens, vectors, cancellationToken);
            return vectors;
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxParallelRuns, CancellationToken = cancellationToken };
        try
        {
            Parallel.For(0, batches, parallel, b =>
            {
                var start = b * size;
                RunBatch(session, order.AsSpan(start, Math.Min(size, order.Length - start)).ToArray(), tokens, vectors, cancellationToken);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            // Callers see what a sequential run would throw (cancellation, a model error), not a wrapper.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }

        return vectors;
    }

    // As few batches as MaxBatchSize allows, but at least one per core while each still gets MinTextsPerParallelRun texts.
    private int BatchCount(int texts)
    {
        var bySize = (texts + _options.MaxBatchSize - 1) / _options.MaxBatchSize;
        var byCores = Math.Min(_options.MaxParallelRuns, texts / _options.MinTextsPerParallelRun);
        return Math.Max(1, Math.Max(bySize, byCores));
    }

    private static void RunBatch(EncoderSession session, int[] batch, int[][] tokens, float[][] vectors, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var output = session.Run([.. batch.Select(i => tokens[i])], MiniLmModel.Dimensions, cancellationToken);
        for (var row = 0; row < batch.Length; row++)
        {
            var vector = output.AsSpan(row * MiniLmModel.Dimensions, MiniLmModel.Dimensions).ToArray();
            var norm = TensorPrimitives.Norm(vector);
            if (!float.IsFinite(norm) || norm <= 0)
            {
                throw new EmbeddingModelException($"The model produced an unusable vector (norm {norm}) for text {batch[row]}.");
            }

            TensorPrimitives.Divide(vector, norm, vector);
            vectors[batch[row]] = vector;
        }
    }

    /// <summary>Returns the token ids the model sees for <paramref name="text"/>: [CLS], word pieces, [SEP], truncated.</summary>
    public int[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = _tokenizer.EncodeToIds(text, _options.MaxTokens, addSpecialTokens: true, out _, out _);
        return [.. ids];
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType == typeof(EmbeddingPurposeSupport) ? _purposes
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    private static EncoderSession? TryStart(string graph, int intraOpThreads)
    {
        try
        {
            return new EncoderSession(graph, intraOpThreads);
        }
        catch (OnnxRuntimeException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed = true;
        _session.Dispose();
        _querySession?.Dispose();
    }
}
