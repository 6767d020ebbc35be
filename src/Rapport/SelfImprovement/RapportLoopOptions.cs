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

    /// <summary>Gets the kinds of intervention a turn ranks when its request names none.</summary>
    /// <value>The default is the built-in coach's catalog (<see cref="Coaching.InterventionCatalog.Default"/>).</value>
    public IList<string> Kinds { get; } = [.. Coaching.InterventionCatalog.Default.Select(k => k.Name)];

    /// <summary>Gets or sets the kind recorded for a response that names none.</summary>
    /// <value>The default is <c>conversation</c>.</value>
    public string DefaultKind { get; set; } = "conversation";

    /// <summary>Gets or sets the tokenizer that counts the context's budget, or <see langword="null"/> for cl100k_base.</summary>
    /// <value>The default is <see langword="null"/>.</value>
    public Tokenizer? Tokenizer { get; set; }

    /// <summary>Throws unless every feature's options are usable.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it and what is accepted.</exception>
    public void Validate()
    {
        Recording.Validate();
        Learning.Validate();
        Context.Validate();
        Memory.MemoryLimits.ValidateName(DefaultKind, "default kind", nameof(DefaultKind));
        foreach (var kind in Kinds)
        {
            Memory.MemoryLimits.ValidateName(kind, "kind", nameof(Kinds));
        }
    }
}
