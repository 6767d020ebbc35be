using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rapport.Cli.Output;
using Rapport.Configuration;
using Rapport.Embeddings.Onnx;
using Rapport.Memory;
using Rapport.Redis;
using Rapport.Sqlite;
using Rapport.Storage;
using Rapport.Telemetry;
using Rapport.OpenTelemetry.Hosting;

namespace Rapport.Cli.Hosting;

/// <summary>What a command works with: the resolved configuration, and the store and memory service opened on demand.</summary>
/// <remarks>Commands that only parse input never open the store; the store is opened once and disposed with the host.</remarks>
internal sealed class CliHost : IAsyncDisposable
{
    private IMemoryStore? _store;
    private RapportMemory? _memory;
    private readonly ILoggerFactory _notices;
    private IEmbeddingGenerator<string, Embedding<float>>? _embedder;
    private RapportTelemetryHost? _telemetry;
    private TelemetryPrivacy? _privacy;

    /// <summary>Resolves the configuration from flags, then <c>RAPPORT_*</c> variables, then defaults.</summary>
    /// <exception cref="ArgumentException">The store location is malformed.</exception>
    /// <remarks>The embedder is the local all-MiniLM-L6-v2 model unless <c>RAPPORT_EMBEDDER</c> names another; warnings
    /// (such as the fallback to the hashing embedder when the model is absent) go to <paramref name="console"/>.</remarks>
    public CliHost(string? storeFlag, string? homeFlag, TimeProvider? timeProvider = null, CliConsole? console = null, Func<string, string?>? environment = null)
    {
        Time = timeProvider ?? TimeProvider.System;
        Environment = environment ?? System.Environment.GetEnvironmentVariable;
        _notices = console is null ? NullLoggerFactory.Instance : new CliNoticeLoggerFactory(console);
        Options = new RapportOptions { Home = homeFlag, Store = storeFlag }.UseSqlite()
            // A command is not an agent turn: it waits for Redis (up to 10 s) rather than queueing or answering empty.
            .UseRedis(configure: redis => redis.Budget = TimeSpan.FromSeconds(10))
            .UseLocalEmbeddings();
        Home = RapportPaths.ResolveHome(homeFlag);
        StoreLocation = RapportPaths.ResolveStore(storeFlag, Home);
    }

    /// <summary>Gets the options in effect.</summary>
    public RapportOptions Options { get; }

    /// <summary>Gets the data folder.</summary>
    public string Home { get; }

    /// <summary>Gets where memories live.</summary>
    public StoreLocation StoreLocation { get; }

    /// <summary>Gets the clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>Gets the environment variables the CLI reads itself (the chat model's).</summary>
    public Func<string, string?> Environment { get; }

    /// <summary>Returns the chat model configured by <paramref name="judgeFlag"/> or the <c>RAPPORT_CHAT_*</c> variables, or <see langword="null"/>.</summary>
    /// <exception cref="ArgumentException">The configuration is malformed.</exception>
    public ChatModelSettings? ChatModel(string? judgeFlag = null) => ChatModelSettings.Resolve(judgeFlag, Environment);

    /// <summary>Gets the store, opening it on first use.</summary>
    /// <exception cref="MemoryStoreException">The store cannot be opened.</exception>
    /// <exception cref="ArgumentException">No provider handles the store's scheme.</exception>
    public IMemoryStore Store => _store ??= OpenTracedStore();

    /// <summary>Gets the OpenTelemetry SDK of this run (local trace store, OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set), started on first use.</summary>
    /// <exception cref="ArgumentException">An <c>OTEL_EXPORTER_OTLP_*</c> variable is invalid.</exception>
    /// <exception cref="IOException">The trace store cannot be opened.</exception>
    public RapportTelemetryHost Telemetry => _telemetry ??= StartTelemetry();

    /// <summary>Gets what spans may carry: user text only with <c>RAPPORT_TELEMETRY_SENSITIVE=true</c>; user ids as a keyed hash.</summary>
    public TelemetryPrivacy Privacy => _privacy ??= TelemetryPrivacy.FromOptions(Options.Telemetry, Home);

    /// <summary>Gets the embedder.</summary>
    public IEmbeddingGenerator<string, Embedding<float>> Embedder => _embedder ??= CreateEmbedder();

    /// <summary>Gets the memory service over <see cref="Store"/> and <see cref="Embedder"/>.</summary>
    public RapportMemory Memory => _memory ??= new RapportMemory(Store, Embedder.WithTracing(Privacy), Options.Retention, Time, Options.Search) { TelemetryPrivacy = Privacy };

    /// <summary>Gets the scorers every recorded coaching turn is evaluated with.</summary>
    /// <remarks>Rapport's offline scorers (brevity, supportiveness, tool usage) and their weighted quality.</remarks>
    public IReadOnlyList<IEvaluator> Scorers { get; } = [new Rapport.Evaluation.Scorers.QualityEvaluator()];

    /// <summary>Gets a short description of the embedder, for output.</summary>
    public string EmbedderDescription => Rapport.Embeddings.EmbedderIdentity.Of(Embedder);

    private IEmbeddingGenerator<string, Embedding<float>> CreateEmbedder() => Options.OpenEmbedder(Home, _notices);

    private IMemoryStore OpenTracedStore()
    {
        // The SDK starts before the first traced call, so every span of this run is kept.
        _ = Telemetry;
        return Options.OpenStore(new StoreOpenContext(StoreLocation, Home, Time, NullLoggerFactory.Instance)).WithTracing(Privacy);
    }

    private RapportTelemetryHost StartTelemetry()
    {
        var options = new RapportTelemetryHostOptions { Home = Home, IncludeSensitiveData = Options.Telemetry.IncludeSensitiveData };
        options.LocalTraceStore.TimeProvider = Time;
        try
        {
            return RapportTelemetryHost.Start(options);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Tracing must not stop the memory commands: run without the local store, and say why when traces are asked for.
            TracesUnavailable = ex.Message;
            options.LocalTraces = false;
            return RapportTelemetryHost.Start(options);
        }
    }

    /// <summary>Gets why the local trace store could not be opened, or <see langword="null"/>.</summary>
    public string? TracesUnavailable { get; private set; }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync().ConfigureAwait(false);
        }

        _embedder?.Dispose();

        // Last: flushes the spans of this run to the trace store and to OTLP.
        _telemetry?.Dispose();
    }
}
