using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Microsoft.Extensions.Logging;
using Rapport.Configuration;
using Rapport.Embeddings.Onnx;
using Rapport.Memory;
using Rapport.Redis;
using Rapport.SelfImprovement;
using Rapport.Sqlite;
using Rapport.Storage;
using Rapport.Telemetry;

namespace Rapport.Server.Hosting;

/// <summary>The one place the server configures Rapport: options, embedder, and each tenant's store, memory and loop.</summary>
/// <remarks>Every tenant gets its own store (a SQLite file, or a Redis key prefix) over the one shared embedder.</remarks>
internal sealed class ServerRapport : IDisposable
{
    private readonly RapportServerOptions _server;
    private readonly ServerStore _store;
    private readonly ILoggerFactory _logs;
    private readonly Lazy<IEmbeddingGenerator<string, Embedding<float>>> _embedder;
    private readonly IReadOnlyList<IEvaluator> _scorers = [new Rapport.Evaluation.Scorers.QualityEvaluator()];

    public ServerRapport(RapportServerOptions server, ILoggerFactory logs)
    {
        _server = server;
        _store = ServerStore.From(server);
        _logs = logs;
        Privacy = TelemetryPrivacy.FromOptions(Options(null).Telemetry, server.ResolvedHome);
        _embedder = new(() => Options(null).OpenEmbedder(server.ResolvedHome, logs).WithTracing(Privacy, logs));
    }

    /// <summary>Gets what spans may carry.</summary>
    public TelemetryPrivacy Privacy { get; }

    /// <summary>Gets the shared embedder, loading it on first use.</summary>
    public IEmbeddingGenerator<string, Embedding<float>> Embedder => _embedder.Value;

    /// <summary>Gets whether the embedder is loaded.</summary>
    public bool EmbedderLoaded => _embedder.IsValueCreated;

    /// <summary>Gets where the data lives.</summary>
    public ServerStore Store => _store;

    /// <summary>Opens a tenant's memory service and loop.</summary>
    public (RapportMemory Memory, RapportLoop Loop, IMemoryStore Store) OpenTenant(string tenant)
    {
        var options = Options(tenant);
        var location = StoreLocation.Parse(_store.TenantLocation(tenant));
        if (location.Scheme == "sqlite")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(location.Target)!);
        }

        var store = options.OpenStore(new StoreOpenContext(location, _server.ResolvedHome, _server.TimeProvider, _logs)).WithTracing(Privacy);
        var memory = new RapportMemory(store, Embedder, options.Retention, _server.TimeProvider, options.Search) { TelemetryPrivacy = Privacy };
        var loop = new RapportLoop(memory, _scorers, timeProvider: _server.TimeProvider);
        return (memory, loop, store);
    }

    private RapportOptions Options(string? tenant)
    {
        var options = new RapportOptions { Home = _server.Home, Embedder = _server.Embedder }
            .UseSqlite()
            .UseRedis(configure: redis => redis.KeyPrefix = tenant is null ? ServerStore.RedisPrefix : ServerStore.TenantPrefix(tenant))
            .UseLocalEmbeddings();
        options.Validate();
        return options;
    }

    public void Dispose()
    {
        if (_embedder.IsValueCreated)
        {
            _embedder.Value.Dispose();
        }
    }
}
