using System.Net;
using Rapport.Configuration;

namespace Rapport.Server;

/// <summary>How <c>rapport serve</c> runs: where it listens, where memories and keys live, and its limits.</summary>
public sealed class RapportServerOptions
{
    /// <summary>The default listening address: loopback only, port 5180.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5180";

    /// <summary>Gets or sets the listening addresses, separated by <c>;</c>.</summary>
    public string Urls { get; set; } = DefaultUrls;

    /// <summary>Gets or sets the data folder (keys, tenants' SQLite files, traces); <see langword="null"/> for <c>RAPPORT_HOME</c>, else <c>~/.rapport</c>.</summary>
    public string? Home { get; set; }

    /// <summary>Gets or sets the store: <see langword="null"/> or <c>sqlite:</c> for a SQLite file per tenant under the data folder, or <c>redis:host:port</c>.</summary>
    public string? Store { get; set; }

    /// <summary>Gets or sets the embedder by name (<c>hashing</c>, <c>minilm</c>); <see langword="null"/> for <c>RAPPORT_EMBEDDER</c>, else the local model when present.</summary>
    public string? Embedder { get; set; }

    /// <summary>Gets or sets whether requests without a key are served, as tenant <c>dev</c>; only allowed on loopback addresses.</summary>
    public bool Dev { get; set; }

    /// <summary>Gets or sets where dev mode's tenant <c>dev</c> keeps its memories (a <c>sqlite:</c> location), or <see langword="null"/> for
    /// <c>tenants/dev</c>; <c>rapport dashboard</c> sets it to the data folder's own store, so it shows what the CLI wrote.</summary>
    public string? DevStore { get; set; }

    /// <summary>Gets or sets the largest request body accepted, in bytes.</summary>
    /// <value>The default is 64 KiB: eight times the longest text a record accepts.</value>
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Gets or sets how many requests one key may make per window.</summary>
    /// <value>The default is 600 per minute.</value>
    public int RequestsPerWindow { get; set; } = 600;

    /// <summary>Gets or sets the rate-limit window.</summary>
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how many prepared turns each tenant keeps waiting for completion on SQLite; the oldest goes first.</summary>
    /// <value>The default is 10,000 (a waiting turn holds the situation and its embedding: a few KiB). On Redis the lifetime
    /// and the rate limit bound them.</value>
    public int PreparedTurnsPerTenant { get; set; } = 10_000;

    /// <summary>Gets or sets how long a prepared turn waits for completion.</summary>
    /// <value>The default is 30 minutes.</value>
    public TimeSpan PreparedTurnLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Gets or sets how long a write's response is kept for retries with the same <c>Idempotency-Key</c>.</summary>
    /// <value>The default is 24 hours.</value>
    public TimeSpan IdempotencyLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Gets or sets the most cases a run started over the API may have (it runs within the request).</summary>
    /// <value>The default is 1,000 (the offline scorers take about a millisecond per case).</value>
    public int MaxEvaluationCases { get; set; } = 1_000;

    /// <summary>Gets or sets the largest body <c>POST /v1/evaluations</c> accepts (a dataset and its responses), in bytes.</summary>
    /// <value>The default is 4 MiB.</value>
    public long MaxEvaluationBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Gets or sets what answers the cases of a run started with target <c>chat</c> (for example a
    /// <see cref="Rapport.Evaluation.Targets.ChatClientTarget"/> over the agent's model), or <see langword="null"/> when none is configured.</summary>
    public Rapport.Evaluation.Targets.IEvaluationTarget? EvaluationChatTarget { get; set; }

    /// <summary>Gets or sets how long a request holds its <c>Idempotency-Key</c> while it runs: a retry with the key waits for its
    /// answer up to this long, and a key held by an instance that died can be claimed again after it.</summary>
    /// <value>The default is 10 seconds (far longer than any write takes).</value>
    public TimeSpan IdempotencyLease { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how long a request waits for Redis before a write goes to this instance's outbox (answered, but readable
    /// through other instances only once replayed) and a read returns empty.</summary>
    /// <value>The default is 3 seconds: longer than the library's 250 ms, because a server's clients read through any instance right
    /// after a write, and under load (32 agents on 2 cores) queueing alone overran 250 ms and sent writes to the outbox.</value>
    public TimeSpan RedisBudget { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Gets or sets the clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the environment variables read (OTLP), for tests.</summary>
    public Func<string, string?> Environment { get; set; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Gets or sets whether spans go to the local trace store under the data folder.</summary>
    public bool LocalTraces { get; set; } = true;

    /// <summary>Gets or sets how long finished spans may wait before the local trace store writes them (they show in <c>/v1/traces</c> after it).</summary>
    /// <value>The default is 2000 ms.</value>
    public int TraceBatchDelayMilliseconds { get; set; } = 2000;

    /// <summary>Gets or sets whether the console log is one JSON object per line (<c>json</c>, for log pipelines) or plain text (<c>simple</c>).</summary>
    /// <value>The default is <c>simple</c>.</value>
    public string LogFormat { get; set; } = "simple";

    /// <summary>Gets or sets how often each tenant's expired memories are purged (<see cref="Rapport.Storage.ExpiredMemoryPurger"/>); the first purge runs
    /// when the tenant is opened.</summary>
    /// <value>The default is one hour.</value>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets the most bytes of users' vector snapshots the server caches, all tenants together (one
    /// <see cref="Rapport.Search.VectorCacheBudget"/>; the least recently used go first).</summary>
    /// <value>The default is 256 MiB (<see cref="Rapport.Search.UserVectorCache.DefaultMaxBytes"/>); at least 1 MiB. docs/scale.md sizes it.</value>
    public long CacheMaxBytes { get; set; } = Rapport.Search.UserVectorCache.DefaultMaxBytes;

    /// <summary>Gets or sets how the cache holds vectors: <see cref="Rapport.Search.VectorPrecision.Compact"/> holds more users in the same bound.</summary>
    /// <value>The default is <see cref="Rapport.Search.VectorPrecision.Full"/> (exact scan).</value>
    public Rapport.Search.VectorPrecision CachePrecision { get; set; } = Rapport.Search.VectorPrecision.Full;

    /// <summary>Gets or sets extra logging configuration applied after the console (tests capture the log with it).</summary>
    internal Action<Microsoft.Extensions.Logging.ILoggingBuilder>? ConfigureLogging { get; set; }

    /// <summary>Gets the data folder in effect.</summary>
    public string ResolvedHome => RapportPaths.ResolveHome(Home);

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Urls))
        {
            throw new ArgumentException("Urls is empty: give one or more addresses such as http://127.0.0.1:5180.", nameof(Urls));
        }

        foreach (var url in Addresses)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"Invalid listening address '{url}': use http://host:port or https://host:port.", nameof(Urls));
            }

            if (Dev && !IsLoopback(uri.Host))
            {
                throw new ArgumentException(
                    $"--dev serves requests without a key, so it listens on loopback only; '{url}' is not loopback (use 127.0.0.1, [::1] or localhost).",
                    nameof(Dev));
            }
        }

        if (DevStore is not null && (!Dev || !DevStore.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"DevStore '{DevStore}' needs dev mode and a sqlite: location.", nameof(DevStore));
        }

        Positive(MaxRequestBodyBytes, nameof(MaxRequestBodyBytes));
        Positive(RequestsPerWindow, nameof(RequestsPerWindow));
        Positive(MaxEvaluationCases, nameof(MaxEvaluationCases));
        Positive(TraceBatchDelayMilliseconds, nameof(TraceBatchDelayMilliseconds));
        Positive(PurgeInterval.Ticks, nameof(PurgeInterval));
        if (LogFormat is not ("simple" or "json"))
        {
            throw new ArgumentException($"Unknown log format '{LogFormat}': use simple or json.", nameof(LogFormat));
        }
        Positive(MaxEvaluationBodyBytes, nameof(MaxEvaluationBodyBytes));
        Positive(PreparedTurnsPerTenant, nameof(PreparedTurnsPerTenant));
        Positive(RateWindow.Ticks, nameof(RateWindow));
        Positive(PreparedTurnLifetime.Ticks, nameof(PreparedTurnLifetime));
        Positive(IdempotencyLifetime.Ticks, nameof(IdempotencyLifetime));
        Positive(IdempotencyLease.Ticks, nameof(IdempotencyLease));
        Positive(RedisBudget.Ticks, nameof(RedisBudget));
        new Rapport.Search.VectorCacheOptions { MaxBytes = CacheMaxBytes, Precision = CachePrecision }.Validate();
        if (Store is not null && !Store.Equals("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var location = StoreLocation.Parse(Store);
            if (location.Scheme is not ("sqlite" or "redis"))
            {
                throw new ArgumentException($"Unknown store '{Store}': the server accepts sqlite: (a file per tenant under the data folder) or redis:<host>:<port>.", nameof(Store));
            }
        }
    }

    /// <summary>Gets the listening addresses.</summary>
    public IReadOnlyList<string> Addresses => Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static void Positive(long value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentException($"{name} must be positive (got {value}).", name);
        }
    }
}
