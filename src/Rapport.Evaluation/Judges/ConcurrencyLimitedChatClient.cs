using Microsoft.Extensions.AI;

namespace Rapport.Evaluation.Judges;

/// <summary>Lets at most a fixed number of calls reach the inner chat client at once; the rest wait their turn.</summary>
/// <remarks>
/// Place it inside <see cref="RetryingChatClient"/> so a call waiting out a backoff does not hold a slot.
/// Disposing releases the semaphore, not the inner client's ownership semantics (see <see cref="DelegatingChatClient"/>).
/// Thread-safe.
/// </remarks>
public sealed class ConcurrencyLimitedChatClient : DelegatingChatClient
{
    private readonly SemaphoreSlim _slots;

    /// <summary>Wraps <paramref name="innerClient"/> with at most <paramref name="maxConcurrency"/> calls in flight.</summary>
    public ConcurrencyLimitedChatClient(IChatClient innerClient, int maxConcurrency)
        : base(innerClient)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        _slots = new SemaphoreSlim(maxConcurrency, maxConcurrency);
    }

    /// <inheritdoc/>
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _slots.Dispose();
        }

        base.Dispose(disposing);
    }
}
