namespace Rapport.Redis.Outbox;

/// <summary>Wakes the outbox replayer: set when a write is queued or the connection comes back; waited on by the replay loop.</summary>
/// <remarks>Thread-safe. Setting it twice before the loop wakes is one wake-up; setting it after disposal does nothing.</remarks>
internal sealed class ReplaySignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>Asks the replayer to run soon.</summary>
    public void Set()
    {
        try
        {
            if (_signal.CurrentCount == 0)
            {
                _signal.Release();
            }
        }
        catch (Exception ex) when (ex is SemaphoreFullException or ObjectDisposedException)
        {
            // Already signalled, or stopping.
        }
    }

    /// <summary>Waits until the signal is set or <paramref name="timeout"/> passes.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _signal.Dispose();
}
