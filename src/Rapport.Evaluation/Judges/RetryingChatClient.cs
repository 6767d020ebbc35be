using Microsoft.Extensions.AI;

namespace Rapport.Evaluation.Judges;

/// <summary>Retries an inner chat client's transient failures (rate limits, timeouts) with exponential backoff.</summary>
/// <remarks>
/// Each attempt may be limited by <see cref="RetryOptions.AttemptTimeout"/>; an attempt that runs out counts as a
/// timeout (<see cref="TimeoutException"/>) and is retried. Waits use <see cref="RetryOptions.TimeProvider"/>, so tests
/// advance a fake clock instead of sleeping. After <see cref="RetryOptions.MaxAttempts"/> the last exception is
/// thrown; non-transient exceptions and the caller's cancellation are thrown at once. Streaming calls pass through
/// without retries (a half-streamed reply cannot be replayed). Thread-safe.
/// </remarks>
public sealed class RetryingChatClient : DelegatingChatClient
{
    private readonly RetryOptions _options;

    /// <summary>Wraps <paramref name="innerClient"/>.</summary>
    public RetryingChatClient(IChatClient innerClient, RetryOptions? options = null)
        : base(innerClient)
    {
        _options = options ?? new RetryOptions();
        _options.Validate();
    }

    /// <inheritdoc/>
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var transient = _options.ShouldRetry ?? RetryOptions.IsTransient;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await AttemptAsync(list, options, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (attempt < _options.MaxAttempts && !cancellationToken.IsCancellationRequested && transient(e))
            {
                await Task.Delay(DelayBefore(attempt + 1), _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Returns the wait before attempt number <paramref name="attempt"/> (2 or more).</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        var factor = Math.Pow(2, Math.Max(0, attempt - 2));
        var delay = TimeSpan.FromTicks((long)Math.Min(_options.MaxDelay.Ticks, _options.InitialDelay.Ticks * factor));
        return delay;
    }

    private async Task<ChatResponse> AttemptAsync(IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        if (_options.AttemptTimeout is not { } timeout)
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }

        using var timeoutSource = new CancellationTokenSource(timeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            return await base.GetResponseAsync(messages, options, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The chat call did not answer within {timeout.TotalSeconds:0.#} s.", e);
        }
    }
}
