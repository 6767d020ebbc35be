using Microsoft.Extensions.Caching.Distributed;

namespace Rapport.Evaluation.Judges;

/// <summary>Configures <see cref="RubricJudgeEvaluator"/>: retries, concurrency and caching of judge calls.</summary>
public sealed class JudgeOptions
{
    /// <summary>Gets the retry policy for rate limits and timeouts.</summary>
    /// <value>The default is 4 attempts, backoff from 1 s doubling up to 30 s with jitter, 60 s per attempt.</value>
    public RetryOptions Retry { get; init; } = new();

    /// <summary>Gets or sets the most judge calls in flight at once.</summary>
    /// <value>The default is 4.</value>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>Gets or sets the cache of judge replies; share one instance to share verdicts between evaluators.</summary>
    /// <value>The default is a new in-memory cache (<see cref="Microsoft.Extensions.Caching.Distributed.MemoryDistributedCache"/>) per evaluator.</value>
    public IDistributedCache? Cache { get; set; }

    /// <summary>Gets or sets the judge's identity in cache keys, or <see langword="null"/> for its provider and model.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public string? JudgeId { get; set; }

    /// <summary>Throws unless the options are usable.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count or duration is out of range.</exception>
    public void Validate()
    {
        Retry.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrency, 1, nameof(MaxConcurrency));
    }
}
