using System.Threading.RateLimiting;
using Microsoft.Extensions.AI;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Rapport.Evaluation.Judges;

/// <summary>Calls an inner chat client through a Polly resilience pipeline: retries with jitter and <c>Retry-After</c>, a bounded number of calls in flight, and a per-attempt timeout.</summary>
/// <remarks>
/// The pipeline is, from the outside in: retry (exponential backoff from <see cref="RetryOptions.InitialDelay"/> up to
/// <see cref="RetryOptions.MaxDelay"/>, decorrelated jitter, or the service's <c>Retry-After</c> when the failure carries
/// one, capped at <see cref="RetryOptions.MaxDelay"/>), then a concurrency limiter (so a call waiting out its backoff holds
/// no slot; the rest queue in order), then the attempt timeout (an attempt that runs out is retried). Waits use
/// <see cref="RetryOptions.TimeProvider"/>. After <see cref="RetryOptions.MaxAttempts"/> the last exception is thrown;
/// non-transient exceptions and the caller's cancellation are thrown at once. Streaming calls pass through without the
/// pipeline (a half-streamed reply cannot be replayed). Disposing releases the limiter; the inner client is disposed as
/// <see cref="DelegatingChatClient"/> does. Thread-safe.
/// </remarks>
public sealed class ResilientChatClient : DelegatingChatClient
{
    private readonly ConcurrencyLimiter? _limiter;
    private readonly ResiliencePipeline _pipeline;

    /// <summary>Wraps <paramref name="innerClient"/>, with at most <paramref name="maxConcurrency"/> calls in flight (no limit when <see langword="null"/>).</summary>
    public ResilientChatClient(IChatClient innerClient, RetryOptions? options = null, int? maxConcurrency = null)
        : base(innerClient)
    {
        options ??= new RetryOptions();
        options.Validate();
        var builder = new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider };
        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(Retry(options));
        }

        if (maxConcurrency is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1, nameof(maxConcurrency));
            _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = limit,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
            builder.AddRateLimiter(_limiter);
        }

        if (options.AttemptTimeout is { } timeout)
        {
            builder.AddTimeout(timeout);
        }

        _pipeline = builder.Build();
    }

    /// <inheritdoc/>
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        return await _pipeline.ExecuteAsync(
            static async (state, token) => await state.Self.CallInnerAsync(state.List, state.Options, token).ConfigureAwait(false),
            (Self: this, List: list, Options: options),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _limiter?.Dispose();
        }

        base.Dispose(disposing);
    }

    private static RetryStrategyOptions Retry(RetryOptions options)
    {
        var transient = options.ShouldRetry ?? RetryOptions.IsTransient;
        return new RetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxAttempts - 1,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = options.UseJitter,
            Delay = options.InitialDelay,
            MaxDelay = options.MaxDelay,
            ShouldHandle = args => ValueTask.FromResult(
                args.Outcome.Exception is { } e && !args.Context.CancellationToken.IsCancellationRequested
                && (e is TimeoutRejectedException || transient(e))),
            DelayGenerator = args =>
            {
                var asked = args.Outcome.Exception is { } e
                    ? options.RetryAfter?.Invoke(e) ?? RetryAfter.FromData(e, options.TimeProvider.GetUtcNow())
                    : null;
                return ValueTask.FromResult(asked is { } wait ? (TimeSpan?)(wait < options.MaxDelay ? wait : options.MaxDelay) : null);
            },
        };
    }

    private Task<ChatResponse> CallInnerAsync(IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken) =>
        base.GetResponseAsync(messages, options, cancellationToken);
}
