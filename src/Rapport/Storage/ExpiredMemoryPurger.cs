using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Rapport.Storage;

/// <summary>Deletes expired memories on a timer in a long-running host: register it with
/// <c>services.AddHostedService&lt;ExpiredMemoryPurger&gt;()</c> next to <c>AddRapport</c>.</summary>
/// <remarks>Expired memories are hidden from reads at once, but only a purge removes their bytes; a server that never
/// restarts would otherwise keep them for good. The first purge runs at start, then one every <see cref="Interval"/>
/// (an hour by default). A failed purge is logged and retried at the next tick; it never stops the host.</remarks>
public sealed partial class ExpiredMemoryPurger : BackgroundService
{
    private readonly IMemoryStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the purger over <paramref name="store"/>.</summary>
    public ExpiredMemoryPurger(IMemoryStore store, TimeProvider? timeProvider = null, ILogger<ExpiredMemoryPurger>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Gets or sets the time between purges (default one hour).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Gets how many records the purges of this instance removed.</summary>
    public long Purged => Interlocked.Read(ref _purged);

    private long _purged;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, _time);
        do
        {
            try
            {
                Interlocked.Add(ref _purged, await _store.PurgeExpiredAsync(stoppingToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPurgeFailed(_logger, ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging expired memories failed; retrying at the next tick.")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
