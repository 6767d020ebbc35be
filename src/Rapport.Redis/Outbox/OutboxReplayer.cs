using System.Globalization;
using Microsoft.Extensions.Logging;
using Rapport.Memory;
using Rapport.Redis.Internal;
using Rapport.Redis.Operations;
using StackExchange.Redis;

namespace Rapport.Redis.Outbox;

/// <summary>Applies the outbox to Redis in order, idempotently: in the background when signalled or every <see cref="RedisStoreOptions.ReplayInterval"/>, or on demand.</summary>
/// <remarks>
/// <para>
/// Entries are applied one by one, in order, and removed a page at a time (one sync per page); a crash between
/// applying and removing replays a few entries again, which idempotent replay absorbs. An entry that can never apply
/// (corrupt, or an id taken by another record) is moved to the dead letters and replay goes on.
/// </para>
/// <para>Thread-safe: one replay at a time per process; <see cref="ExclusiveAsync"/> keeps replay out while a forget runs.</para>
/// </remarks>
internal sealed class OutboxReplayer(
    SqliteOutbox outbox, ReplaySignal signal, IConnectionMultiplexer connection, RedisStoreOptions options, ILogger logger,
    InterventionOperations interventions, ReflectionOperations reflections, ProfileOperations profiles) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>Starts the background loop; signals it at once when entries wait from an earlier process.</summary>
    public void Start()
    {
        _loop = Task.Run(LoopAsync);
        if (outbox.Pending > 0)
        {
            signal.Set();
        }
    }

    /// <summary>Replays now if anything waits and Redis is connected; returns how many entries were applied.</summary>
    public async Task<int> ReplayAsync(CancellationToken cancellationToken)
    {
        if (outbox.Pending == 0 || !connection.IsConnected)
        {
            return 0;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var applied = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested && outbox.Peek(100) is { Count: > 0 } page)
            {
                var done = new List<long>(page.Count);
                try
                {
                    foreach (var entry in page)
                    {
                        try
                        {
                            await ApplyAsync(entry).WaitAsync(options.MaintenanceTimeout, cancellationToken).ConfigureAwait(false);
                        }
                        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidDataException or KeyNotFoundException
                            or System.Text.Json.JsonException)
                        {
                            // Cannot ever apply (a corrupt entry, or an id taken by another record): keep it aside, go on.
                            outbox.DeadLetter(entry.Sequence, ex.Message);
                            RedisStoreLog.DeadLetter(logger, entry.Sequence, entry.Kind, ex.Message);
                            continue;
                        }

                        done.Add(entry.Sequence);
                        RedisStoreMetrics.Add(RedisStoreMetrics.OutboxReplayed, entry.Kind);
                    }
                }
                finally
                {
                    outbox.Complete(done);
                    applied += done.Count;
                }
            }
        }
        finally
        {
            _gate.Release();
            if (applied > 0)
            {
                RedisStoreLog.Replayed(logger, applied, outbox.Pending);
            }
        }

        return applied;
    }

    /// <summary>Runs <paramref name="call"/> while no replay is applying entries (a forget, so that no replay writes behind it).</summary>
    public async Task<T> ExclusiveAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await call().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the background loop and waits for it; pending entries stay on disk.</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stopping.Dispose();
        _gate.Dispose();
    }

    private Task ApplyAsync(OutboxEntry entry) => entry.Kind switch
    {
        OutboxKinds.Interventions => interventions.ReplayAsync(OutboxPayloads.ReadInterventions(entry.Payload)),
        OutboxKinds.Reflection => reflections.WriteAsync(OutboxPayloads.ReadMap(entry.Payload), replay: true),
        OutboxKinds.Profile => profiles.WriteAsync(OutboxPayloads.ReadMap(entry.Payload)),
        OutboxKinds.Outcome => ReplayOutcomeAsync(OutboxPayloads.ReadMap(entry.Payload)),
        _ => throw new InvalidDataException($"Unknown outbox entry kind '{entry.Kind}'."),
    };

    private Task<Intervention?> ReplayOutcomeAsync(Dictionary<string, string> f) =>
        interventions.WriteOutcomeAsync(
            f["id"],
            (InterventionOutcome)int.Parse(f["o"], CultureInfo.InvariantCulture),
            f["r"].Length == 0 ? null : int.Parse(f["r"], CultureInfo.InvariantCulture),
            RedisInstants.Parse(f["at"]));

    private async Task LoopAsync()
    {
        var stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(options.ReplayInterval, stopping).ConfigureAwait(false);
                await ReplayAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The replay loop must outlive any failure; the entry stays queued and is retried.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                RedisStoreLog.ReplayFailed(logger, ex);
            }
        }
    }
}
