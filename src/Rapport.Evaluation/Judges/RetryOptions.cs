using System.Net;

namespace Rapport.Evaluation.Judges;

/// <summary>Configures <see cref="ResilientChatClient"/>: how often and how patiently to retry transient failures.</summary>
public sealed class RetryOptions
{
    /// <summary>Gets or sets the most attempts per call, the first included.</summary>
    /// <value>The default is 4.</value>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Gets or sets the wait before the first retry; each further retry waits about twice as long.</summary>
    /// <value>The default is 1 second.</value>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest wait between attempts, a service's <c>Retry-After</c> included.</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets whether backoff waits are randomized (decorrelated jitter), so many callers do not retry in step.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool UseJitter { get; set; } = true;

    /// <summary>Gets or sets how long one attempt may take before it counts as a timeout, or <see langword="null"/> for no limit.</summary>
    /// <value>The default is 60 seconds.</value>
    public TimeSpan? AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the clock used for backoff waits and attempt timeouts.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets which exceptions are transient, or <see langword="null"/> for <see cref="IsTransient"/>.</summary>
    /// <value>The default is <see langword="null"/>. An attempt that runs out of <see cref="AttemptTimeout"/> is always transient.</value>
    public Func<Exception, bool>? ShouldRetry { get; set; }

    /// <summary>Gets or sets a reader of the service's <c>Retry-After</c> from a failed call, tried before <see cref="Judges.RetryAfter.FromData"/>.</summary>
    /// <value>The default is <see langword="null"/>: only the exception's data is read.</value>
    public Func<Exception, TimeSpan?>? RetryAfter { get; set; }

    /// <summary>Returns whether <paramref name="exception"/> is worth retrying: rate limits (429), timeouts (408, 504, <see cref="TimeoutException"/>), server errors (500, 502, 503) and connection failures.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        TimeoutException => true,
        HttpRequestException { StatusCode: null } => true,
        HttpRequestException { StatusCode: { } status } => status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
            or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout,
        _ => false,
    };

    /// <summary>Throws unless the options are usable.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count or duration is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(InitialDelay, TimeSpan.Zero, nameof(InitialDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDelay, InitialDelay, nameof(MaxDelay));
        if (AttemptTimeout is { } timeout)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(AttemptTimeout));
        }

        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }
}
