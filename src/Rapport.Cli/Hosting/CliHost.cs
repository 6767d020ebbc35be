using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Rapport.Cli.Output;
using Rapport.Configuration;
using Rapport.Embeddings.Onnx;
using Rapport.Memory;
using Rapport.Redis;
using Rapport.Sqlite;
using Rapport.Storage;

namespace Rapport.Cli.Hosting;

/// <summary>What a command works with: the resolved configuration, and the store and memory service opened on demand.</summary>
/// <remarks>Commands that only parse input never open the store; the store is opened once and disposed with the host.</remarks>
internal sealed class CliHost : IAsyncDisposable
{
    private IMemoryStore? _store;
    private RapportMemory? _memory;
    private readonly ILoggerFactory _notices;
    private IEmbeddingGenerator<string, Embedding<float>>? _embedder;

    /// <summary>Resolves the configuration from flags, then <c>RAPPORT_*</c> variables, then defaults.</summary>
    /// <exception cref="ArgumentException">The store location is malformed.</exception>
    /// <remarks>The embedder is the local all-MiniLM-L6-v2 model unless <c>RAPPORT_EMBEDDER</c> names another; warnings
    /// (such as the fallback to the hashing embedder when the model is absent) go to <paramref name="console"/>.</remarks>
    public CliHost(string? storeFlag, string? homeFlag, TimeProvider? timeProvider = null, CliConsole? console = null)
    {
        Time = timeProvider ?? TimeProvider.System;
        _notices = console is null ? NullLoggerFactory.Instance : new CliNoticeLoggerFactory(console);
        Options = new RapportOptions { Home = homeFlag, Store = storeFlag }.UseSqlite().UseRedis().UseLocalEmbeddings();
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

    /// <summary>Gets the store, opening it on first use.</summary>
    /// <exception cref="MemoryStoreException">The store cannot be opened.</exception>
    /// <exception cref="ArgumentException">No provider handles the store's scheme.</exception>
    public IMemoryStore Store => _store ??= Options.OpenStore(new StoreOpenContext(StoreLocation, Home, Time, NullLoggerFactory.Instance));

    /// <summary>Gets the embedder.</summary>
    public IEmbeddingGenerator<string, Embedding<float>> Embedder => _embedder ??= CreateEmbedder();

    /// <summary>Gets the memory service over <see cref="Store"/> and <see cref="Embedder"/>.</summary>
    public RapportMemory Memory => _memory ??= new RapportMemory(Store, Embedder, Options.Retention, Time);

    private IEmbeddingGenerator<string, Embedding<float>> CreateEmbedder() => Options.OpenEmbedder(Home, _notices);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync().ConfigureAwait(false);
        }

        _embedder?.Dispose();
    }
}
