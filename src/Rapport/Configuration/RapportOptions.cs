using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Rapport.Embeddings;
using Rapport.Memory;
using Rapport.Search;
using Rapport.SelfImprovement;
using Rapport.Storage;
using Rapport.Telemetry;

namespace Rapport.Configuration;

/// <summary>Everything that configures Rapport; defaults work with nothing set.</summary>
/// <remarks>
/// Bound from configuration by hosts, never from the environment by the core: a host binds the <c>RAPPORT_</c>-prefixed
/// environment variables (<c>RAPPORT_HOME</c>, <c>RAPPORT_STORE</c>, <c>RAPPORT_EMBEDDER</c>) through its configuration,
/// and the CLI's flags override them. Validated when the service provider starts (<c>ValidateOnStart</c>). Store packages add their schemes
/// with extension methods such as <c>UseSqlite()</c>; embedder packages add embedders the same way (the ONNX package's
/// <c>UseLocalEmbeddings()</c> adds <c>minilm</c> and makes it the default).
/// </remarks>
public sealed class RapportOptions
{
    /// <summary>Gets or sets the data folder.</summary>
    /// <value>The default is <c>~/.rapport</c>.</value>
    public string? Home { get; set; }

    /// <summary>Gets or sets the store location, <see cref="StoreLocation.Accepted"/>.</summary>
    /// <value>The default is <c>sqlite:&lt;Home&gt;/rapport.db</c>.</value>
    public string? Store { get; set; }

    /// <summary>Gets how long each type of record is kept.</summary>
    /// <value>The default is 30 days for every type.</value>
    public RetentionOptions Retention { get; } = new();

    /// <summary>Gets how Rapport traces and measures itself.</summary>
    /// <value>The default traces every operation (nearly free with no listener) and records no user text.</value>
    public RapportTelemetryOptions Telemetry { get; } = new();
    /// <summary>Gets how recall ranks memories (hybrid lexical + dense by default).</summary>
    public SearchOptions Search { get; } = new();

    /// <summary>Gets how the stores opened with these options cache users' vector snapshots (256 MiB, exact vectors, by default).</summary>
    public VectorCacheOptions VectorCache { get; } = new();

    /// <summary>Gets the options of the loop that <c>AddRapport</c> registers (recording, learning, context, reflection, kinds).</summary>
    public RapportLoopOptions Loop { get; } = new();

    /// <summary>Gets the store providers by scheme (<c>sqlite</c>, <c>redis</c>); store packages register theirs.</summary>
    public IDictionary<string, Func<StoreOpenContext, IMemoryStore>> StoreProviders { get; } =
        new Dictionary<string, Func<StoreOpenContext, IMemoryStore>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the embedder by name, one of <see cref="EmbedderProviders"/>.</summary>
    /// <value>The default is <see langword="null"/>: <see cref="DefaultEmbedder"/>.</value>
    public string? Embedder { get; set; }

    /// <summary>Gets or sets the embedder used when none is named.</summary>
    /// <value>The default is <c>hashing</c>; <c>UseLocalEmbeddings()</c> makes it <c>minilm</c>.</value>
    public string DefaultEmbedder { get; set; } = HashingEmbeddingGenerator.EmbedderName;

    /// <summary>Gets the embedder providers by name; <c>hashing</c> is always there, packages register theirs.</summary>
    public IDictionary<string, Func<EmbedderOpenContext, IEmbeddingGenerator<string, Embedding<float>>>> EmbedderProviders { get; } =
        new Dictionary<string, Func<EmbedderOpenContext, IEmbeddingGenerator<string, Embedding<float>>>>(StringComparer.OrdinalIgnoreCase)
        {
            [HashingEmbeddingGenerator.EmbedderName] = _ => new HashingEmbeddingGenerator(),
        };

    /// <summary>Creates the configured embedder with the matching provider.</summary>
    /// <exception cref="ArgumentException">The name has no provider.</exception>
    public IEmbeddingGenerator<string, Embedding<float>> OpenEmbedder(string home, ILoggerFactory loggerFactory)
    {
        var (name, isExplicit) = RapportPaths.ResolveEmbedder(Embedder, DefaultEmbedder);
        return EmbedderProvider(name)(new EmbedderOpenContext(name, isExplicit, home, loggerFactory));
    }

    /// <summary>Opens the configured store with the matching provider.</summary>
    /// <exception cref="ArgumentException">The location is malformed or names a scheme with no provider.</exception>
    public IMemoryStore OpenStore(StoreOpenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!StoreProviders.TryGetValue(context.Location.Scheme, out var open))
        {
            var known = StoreProviders.Count == 0 ? "none is registered" : "registered: " + string.Join(", ", StoreProviders.Keys.Order());
            throw new ArgumentException(
                $"No store provider for '{context.Location.Scheme}:' ({known}). Use {StoreLocation.Accepted}, and register the " +
                "store package (for example options.UseSqlite()).", nameof(context));
        }

        return open(context);
    }

    /// <summary>Throws unless the options are usable.</summary>
    public void Validate()
    {
        Retention.Validate();
        Telemetry.Validate();
        Search.Validate();
        VectorCache.Validate();
        Loop.Validate();
        _ = RapportPaths.ResolveStore(Store, RapportPaths.ResolveHome(Home));
        _ = EmbedderProvider(RapportPaths.ResolveEmbedder(Embedder, DefaultEmbedder).Name);
    }

    private Func<EmbedderOpenContext, IEmbeddingGenerator<string, Embedding<float>>> EmbedderProvider(string name) =>
        EmbedderProviders.TryGetValue(name, out var open)
            ? open
            : throw new ArgumentException(
                $"Unknown embedder '{name}' (from {RapportPaths.EmbedderVariable} or options). Registered: " +
                $"{string.Join(", ", EmbedderProviders.Keys.Order())}; the minilm embedder needs options.UseLocalEmbeddings() " +
                "from Rapport.Embeddings.Onnx.", nameof(name));
}
