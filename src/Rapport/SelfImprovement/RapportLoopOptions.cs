using Microsoft.ML.Tokenizers;
using Rapport.Context;
using Rapport.Learning;
using Rapport.Recording;
using Rapport.Reflection;

namespace Rapport.SelfImprovement;

/// <summary>Configures <see cref="RapportLoop"/>: one options object per feature of the loop.</summary>
public sealed class RapportLoopOptions
{
    /// <summary>Gets the recording options (quality threshold).</summary>
    public RecordingOptions Recording { get; } = new();

    /// <summary>Gets the learning options (decay, prior, exploration).</summary>
    public LearningOptions Learning { get; } = new();

    /// <summary>Gets the context options (token budget).</summary>
    public MemoryContextOptions Context { get; } = new();

    /// <summary>Gets the reflection options.</summary>
    public ReflectionOptions Reflection { get; } = new();

    /// <summary>Gets or sets the population statistics, or <see langword="null"/> to use the store's when it has them.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public IPopulationStatistics? Population { get; set; }

    /// <summary>Gets or sets the tokenizer that counts the context's budget, or <see langword="null"/> for cl100k_base.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public Tokenizer? Tokenizer { get; set; }
}
