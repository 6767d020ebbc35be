using Microsoft.Extensions.AI.Evaluation;

namespace Rapport.Evaluation.Runs;

/// <summary>Configures <see cref="EvaluationRunner"/>.</summary>
public sealed class EvaluationRunOptions
{
    /// <summary>Gets or sets how many cases run at once.</summary>
    /// <value>The default is 4.</value>
    public int MaxParallelism { get; set; } = 4;

    /// <summary>Gets or sets the clock for timestamps and latency.</summary>
    /// <value>The default is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the chat configuration passed to scorers that use a model, or <see langword="null"/>.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public ChatConfiguration? ChatConfiguration { get; set; }

    /// <summary>Throws unless the options are usable.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="MaxParallelism"/> is below 1.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxParallelism, 1, nameof(MaxParallelism));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }
}
