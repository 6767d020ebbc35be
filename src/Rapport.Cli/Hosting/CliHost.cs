using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Rapport.Cli.Output;
using Rapport.Coaching;
using Rapport.Configuration;
using Rapport.Embeddings.Onnx;
using Rapport.Memory;
using Rapport.OpenTelemetry.Hosting;
using Rapport.Redis;
using Rapport.SelfImprovement;
using Rapport.Sqlite;
using Rapport.Storage;
using Rapport.Telemetry;

namespace Rapport.Cli.Hosting;

/// <summary>What a command works with: the resolved configuration and one service provider (<c>AddRapport</c>) that holds
/// the store, the embedder, the memory service, the loop, the coach and the scorers.</summary>
/// <remarks>Commands that only parse input never open the store; services are created on first use and disposed with the host.</remarks>
internal sealed class CliHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly ILoggerFactory _notices;
    private RapportTelemetryHost? _telemetry;
    private TelemetryPrivacy? _privacy;
    private bool _storeOpened;

    /// <summary>Resolves the configuration from flags, then the <c>RAPPORT_*</c> variables (bound through configuration), then defaults.</summary>
    /// <exception cref="ArgumentException">The options are invalid, for example a malformed store location.</exception>
    /// <remarks>With <paramref name="readOnlyStore"/>, a SQLite store is opened read-only. The embedder is the local all-MiniLM-L6-v2 model unless <c>RAPPORT_EMBEDDER</c> names another; warnings
    /// (such as the fallback to the hashing embedder when the model is absent) go to <paramref name="console"/>.</remarks>
    public CliHost(
        string? storeFlag, string? homeFlag, TimeProvider? timeProvider = null, CliConsole? console = null, Func<string, string?>? environment = null,
        bool readOnlyStore = false, string? embedderFlag = null, ChatModelSettings? coachModel = null)
    {
        Time = timeProvider ?? TimeProvider.System;
        Environment = environment ?? System.Environment.GetEnvironmentVariable;
        _notices = console is null ? NullLoggerFactory.Instance : new CliNoticeLoggerFactory(console);
        var configuration = CliConfiguration.FromEnvironment();
        var services = new ServiceCollection();
        services.AddSingleton(Time);
        services.AddSingleton<TelemetryPrivacy>(_ => Privacy);
        CoachModel = coachModel;
        if (coachModel is not null)
        {
            // The coach AddRapport builds words its turns with this model (disposed with the host).
            services.AddKeyedSingleton<IChatClient>(RapportCoach.ChatClientKey, (_, _) => coachModel.CreateConversationClient());
        }

        // The embedder says why it fell back (model absent) on the console; the store logs nowhere, as before.
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(
            sp =>
            {
                var options = sp.GetRequiredService<IOptions<RapportOptions>>().Value;
                return options.OpenEmbedder(RapportPaths.ResolveHome(options.Home), _notices);
            });
        services.AddRapport(options =>
            {
                CliConfiguration.Bind(configuration, options);
                options.Home = string.IsNullOrWhiteSpace(homeFlag) ? options.Home : homeFlag;
                options.Store = string.IsNullOrWhiteSpace(storeFlag) ? options.Store : storeFlag;
                options.Embedder = string.IsNullOrWhiteSpace(embedderFlag) ? options.Embedder : embedderFlag;
                options.UseSqlite()
                    // A command is not an agent turn: it waits for Redis (up to 10 s) rather than queueing, and a read that
                    // cannot reach Redis says so (exit 1) instead of answering "no memories".
                    .UseRedis(configure: redis =>
                    {
                        redis.Budget = TimeSpan.FromSeconds(10);
                        redis.DegradeReads = false;
                    })
                    .UseLocalEmbeddings();
                if (readOnlyStore)
                {
                    options.StoreProviders[RapportOptionsSqliteExtensions.Scheme] =
                        context => SqliteMemoryStore.OpenReadOnly(RapportPaths.ExpandTilde(context.Location.Target), context.TimeProvider);
                }
            })
            .AddScorers();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        try
        {
            Options = _services.GetRequiredService<IOptions<RapportOptions>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            // Bad configuration is bad input: one line saying what was wrong and what is accepted.
            throw new ArgumentException(ex.Message, ex);
        }

        Home = RapportPaths.ResolveHome(Options.Home);
        StoreLocation = RapportPaths.ResolveStore(Options.Store, Home);
        if (string.Equals(StoreLocation.Scheme, RapportOptionsRedisExtensions.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            // Checked before anything is created (trace store, key, outbox): a malformed location is bad input (exit 2).
            new RedisStoreOptions { Configuration = StoreLocation.Target }.Validate();
        }
    }

    /// <summary>Gets the chat model the coach words its turns with, or <see langword="null"/> for the offline wording.</summary>
    public ChatModelSettings? CoachModel { get; }

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
    public ChatModelSettings? ChatModel(string? judgeFlag = null, string flagName = "--judge") => ChatModelSettings.Resolve(judgeFlag, Environment, flagName);

    /// <summary>Gets the store (behind the tracing decorator), opening it on first use.</summary>
    /// <exception cref="MemoryStoreException">The store cannot be opened.</exception>
    /// <exception cref="ArgumentException">No provider handles the store's scheme.</exception>
    public IMemoryStore Store => CaughtUp(Traced<IMemoryStore>());

    /// <summary>Gets the Redis store when the store is Redis and has been opened by this command, else <see langword="null"/>.</summary>
    public RedisMemoryStore? OpenedRedis => _storeOpened ? _services.GetRequiredService<IMemoryStore>().GetService(typeof(RedisMemoryStore)) as RedisMemoryStore : null;

    /// <summary>Gets the OpenTelemetry SDK of this run (local trace store, OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set), started on first use.</summary>
    /// <exception cref="ArgumentException">An <c>OTEL_EXPORTER_OTLP_*</c> variable is invalid.</exception>
    /// <exception cref="IOException">The trace store cannot be opened.</exception>
    public RapportTelemetryHost Telemetry => _telemetry ??= StartTelemetry();

    /// <summary>Gets what spans may carry: user text only with <c>RAPPORT_TELEMETRY_SENSITIVE=true</c>; user ids as a keyed hash.</summary>
    public TelemetryPrivacy Privacy => _privacy ??= TelemetryPrivacy.FromOptions(Options.Telemetry, Home);

    /// <summary>Gets the embedder (untraced; the memory service traces its own use of it).</summary>
    public IEmbeddingGenerator<string, Embedding<float>> Embedder => _services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

    /// <summary>Gets the memory service: the only door to the store.</summary>
    public RapportMemory Memory => CaughtUp(Traced<RapportMemory>());

    /// <summary>Gets the loop that owns each turn.</summary>
    public RapportLoop Loop => CaughtUp(Traced<RapportLoop>());

    /// <summary>Gets the built-in coach.</summary>
    public RapportCoach Coach => CaughtUp(Traced<RapportCoach>());

    /// <summary>Gets the scorers every recorded coaching turn is evaluated with.</summary>
    /// <remarks>Rapport's offline scorers (brevity, supportiveness, tool usage) and their weighted quality (<c>AddScorers()</c>).</remarks>
    public IReadOnlyList<IEvaluator> Scorers => [.. _services.GetServices<IEvaluator>()];

    /// <summary>Gets a short description of the embedder, for output.</summary>
    public string EmbedderDescription => Rapport.Embeddings.EmbedderIdentity.Of(Embedder);

    private T Traced<T>()
        where T : notnull
    {
        // The SDK starts before the first traced call, so every span of this run is kept.
        _ = Telemetry;
        return _services.GetRequiredService<T>();
    }

    // The first use of the store in a command: writes an earlier command queued while Redis was down are applied before this
    // command reads or writes, so the very next command after Redis comes back (stats included) shows them.
    private T CaughtUp<T>(T service)
    {
        if (_storeOpened)
        {
            return service;
        }

        _storeOpened = true;
        if (OpenedRedis is { PendingWrites: > 0, Unreachable: null } redis)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            redis.ReplayOutboxAsync(timeout.Token).GetAwaiter().GetResult();
        }

        return service;
    }

    private RapportTelemetryHost StartTelemetry()
    {
        var options = new RapportTelemetryHostOptions { Home = Home, IncludeSensitiveData = Options.Telemetry.IncludeSensitiveData };
        // RAPPORT_TELEMETRY_SENSITIVE=true opts in the local trace store as it does OTLP (it reached OTLP only; issue 16, finding 9).
        options.LocalTraceStore.IncludeSensitiveData = Options.Telemetry.IncludeSensitiveData;
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
        // The store and the embedder, if they were created.
        await _services.DisposeAsync().ConfigureAwait(false);

        // Last: flushes the spans of this run to the trace store and to OTLP.
        _telemetry?.Dispose();
    }
}
