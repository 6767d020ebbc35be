using Rapport.Redis.Internal;
using Rapport.Redis.Outbox;

namespace Rapport.Redis;

public sealed partial class RedisMemoryStore
{
    /// <summary>Replays the outbox now if anything waits and Redis is connected; returns how many entries were applied.</summary>
    /// <remarks>The store does this by itself (on reconnect and every <see cref="RedisStoreOptions.ReplayInterval"/>); tests and tools may call it.</remarks>
    public async Task<int> ReplayOutboxAsync(CancellationToken cancellationToken = default)
    {
        if (_outbox.Pending == 0 || !_connection.IsConnected)
        {
            return 0;
        }

        await _replayGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var applied = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested && _outbox.Peek() is { } entry)
            {
                try
                {
                    await ApplyAsync(entry).WaitAsync(_options.Budget * 4, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidDataException or KeyNotFoundException
                    or System.Text.Json.JsonException)
                {
                    // Cannot ever apply (a corrupt entry, or an id taken by another record): keep it aside, go on.
                    _outbox.DeadLetter(entry.Sequence, ex.Message);
                    RedisStoreLog.DeadLetter(_logger, entry.Sequence, entry.Kind, ex.Message);
                    continue;
                }

                _outbox.Complete(entry.Sequence);
                RedisStoreMetrics.Add(RedisStoreMetrics.OutboxReplayed, entry.Kind);
                applied++;
            }
        }
        finally
        {
            _replayGate.Release();
            if (applied > 0)
            {
                RedisStoreLog.Replayed(_logger, applied, _outbox.Pending);
            }
        }

        return applied;
    }

    private Task ApplyAsync(OutboxEntry entry) => entry.Kind switch
    {
        OutboxKinds.Interventions => WriteInterventionsAsync(OutboxPayloads.ReadInterventions(entry.Payload), replay: true),
        OutboxKinds.Reflection => WriteReflectionAsync(OutboxPayloads.ReadMap(entry.Payload), replay: true),
        OutboxKinds.Profile => WriteProfileAsync(OutboxPayloads.ReadMap(entry.Payload)),
        OutboxKinds.Outcome => ReplayOutcomeAsync(OutboxPayloads.ReadMap(entry.Payload)),
        _ => throw new InvalidDataException($"Unknown outbox entry kind '{entry.Kind}'."),
    };

    private Task<Memory.Intervention?> ReplayOutcomeAsync(Dictionary<string, string> f) =>
        WriteOutcomeAsync(
            f["id"],
            (Memory.InterventionOutcome)int.Parse(f["o"], System.Globalization.CultureInfo.InvariantCulture),
            f["r"].Length == 0 ? null : int.Parse(f["r"], System.Globalization.CultureInfo.InvariantCulture),
            RedisInstants.Parse(f["at"]));

    private void SignalReplay()
    {
        try
        {
            if (_replaySignal.CurrentCount == 0)
            {
                _replaySignal.Release();
            }
        }
        catch (Exception ex) when (ex is SemaphoreFullException or ObjectDisposedException)
        {
            // Already signalled, or stopping.
        }
    }

    private async Task ReplayLoopAsync()
    {
        var stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await _replaySignal.WaitAsync(_options.ReplayInterval, stopping).ConfigureAwait(false);
                await ReplayOutboxAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The replay loop must outlive any failure; the entry stays queued and is retried.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                RedisStoreLog.ReplayFailed(_logger, ex);
            }
        }
    }
}
