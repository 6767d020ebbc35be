namespace Rapport.Embeddings.Onnx;

/// <summary>Configures the local all-MiniLM-L6-v2 embedder; defaults work with nothing set.</summary>
public sealed class MiniLmEmbeddingOptions
{
    /// <summary>Gets or sets the folder holding the three model files.</summary>
    /// <value>The default is <c>RAPPORT_MODEL_DIR</c>, else the copy shipped next to the application (<see cref="ModelLocation.BundledModelDirectory"/>), else <see cref="ModelLocation.DefaultModelDirectory"/>.</value>
    public string? ModelDirectory { get; set; }

    /// <summary>Gets or sets the folder where the built ONNX graph is cached.</summary>
    /// <value>The default is <c>rapport/onnx</c> under <see cref="ModelLocation.CacheRoot"/>.</value>
    public string? GraphCacheDirectory { get; set; }

    /// <summary>Gets or sets the most tokens per text, [CLS] and [SEP] included; longer texts are truncated.</summary>
    /// <value>The default is 256, the length the model was trained with; at most 512.</value>
    public int MaxTokens { get; set; } = MiniLmModel.MaxTokens;

    /// <summary>Gets or sets the most texts run through the model at once; larger inputs are split.</summary>
    /// <value>The default is 32.</value>
    public int MaxBatchSize { get; set; } = 32;

    /// <summary>Gets or sets the threads ONNX Runtime uses inside one run, or 0 for its default (one per core).</summary>
    /// <value>The default is 1: cores are used by running batches side by side instead (<see cref="MaxParallelRuns"/> for one large
    /// call, and concurrent callers each on their own thread). With ONNX Runtime's pool, its threads spin between the short runs of a
    /// loaded server: 9 % of the load benchmark's CPU went to that spinning, taken from the requests (bench/results/load.md).</value>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>Gets or sets how many batches of one call run at once, each on its own thread.</summary>
    /// <value>The default is the number of processors. A call with more texts than <see cref="MinTextsPerParallelRun"/> per
    /// run is split into that many batches of similar length, so one call uses every core; 1 runs batches one after another.</value>
    public int MaxParallelRuns { get; set; } = Environment.ProcessorCount;

    /// <summary>Gets or sets the fewest texts worth a batch of their own when a call is split across cores.</summary>
    /// <value>The default is 8: below that, a run's fixed cost outweighs the second core.</value>
    public int MinTextsPerParallelRun { get; set; } = 8;

    /// <summary>Gets or sets whether queries run an int8 variant of the model while memories keep the fp32 one.</summary>
    /// <value>The default is <c>RAPPORT_INT8_QUERIES</c> (<c>true</c> or <c>false</c>), else <see langword="true"/>. A query (a call whose
    /// options say <see cref="Rapport.Embeddings.EmbeddingPurpose.Query"/>) is embedded by the same graph with its linear layers' weights in
    /// int8 (one scale per output column): a few-token query mostly reads weights, and int8 reads a quarter of the bytes. Its vector stays
    /// within <see cref="Int8QueryCosine"/> of the fp32 one, so stored memories, their vectors and the model id are unchanged and no
    /// re-embedding is needed; Rapport then does not reuse a query's vector as a memory's. Costs a second session (about 75 MB more
    /// resident) and, once, building its graph. <see langword="false"/> embeds queries with the fp32 graph, as before.</value>
    public bool? QuantizedQueries { get; set; }

    /// <summary>The environment variable that sets <see cref="QuantizedQueries"/> when the option is not set.</summary>
    public const string QuantizedQueriesVariable = "RAPPORT_INT8_QUERIES";

    /// <summary>The least cosine between a sentence's int8 query vector and its fp32 vector that the tests hold the int8 graph to.</summary>
    /// <remarks>Measured on LoCoMo's development questions, each embedded alone: min 0.9886, mean 0.9941. A query of one or two
    /// words moves more (0.957 to 0.994). The texts of one call share their activations' quantization, so a query embedded in a batch
    /// differs a little from the same query alone; recall embeds one query per call.</remarks>
    public const float Int8QueryCosine = 0.98f;

    /// <summary>Throws unless the options are usable.</summary>
    public void Validate()
    {
        if (MaxTokens is < 2 or > 512)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTokens), MaxTokens, "MaxTokens must be between 2 and 512.");
        }

        if (MaxBatchSize is < 1 or > 1_024)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBatchSize), MaxBatchSize, "MaxBatchSize must be between 1 and 1024.");
        }

        if (IntraOpThreads is < 0 or > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), IntraOpThreads, "IntraOpThreads must be between 0 and 256.");
        }

        if (MaxParallelRuns is < 1 or > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxParallelRuns), MaxParallelRuns, "MaxParallelRuns must be between 1 and 256.");
        }

        if (MinTextsPerParallelRun is < 1 or > 1_024)
        {
            throw new ArgumentOutOfRangeException(nameof(MinTextsPerParallelRun), MinTextsPerParallelRun, "MinTextsPerParallelRun must be between 1 and 1024.");
        }

        _ = ResolveQuantizedQueries();
    }

    /// <summary>Returns <see cref="QuantizedQueries"/>, else <c>RAPPORT_INT8_QUERIES</c>, else <see langword="true"/>.</summary>
    /// <exception cref="ArgumentException">The environment variable is set to something other than true or false.</exception>
    internal bool ResolveQuantizedQueries()
    {
        if (QuantizedQueries is { } set)
        {
            return set;
        }

        var text = Environment.GetEnvironmentVariable(QuantizedQueriesVariable);
        return string.IsNullOrWhiteSpace(text) ? true
            : bool.TryParse(text.Trim(), out var parsed) ? parsed
            : throw new ArgumentException($"Invalid {QuantizedQueriesVariable} '{text}': use true or false.");
    }
}
