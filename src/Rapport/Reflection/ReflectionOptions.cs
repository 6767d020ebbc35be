namespace Rapport.Reflection;

/// <summary>Configures session reflections and the insights drawn across sessions.</summary>
public sealed class ReflectionOptions
{
    /// <summary>Gets or sets how similar two situations must be to count as the same type of situation.</summary>
    /// <value>The default is 0.5.</value>
    public double SituationSimilarity { get; set; } = 0.5;

    /// <summary>Gets or sets how many of the user's interventions are read.</summary>
    /// <value>The default is 500.</value>
    public int History { get; set; } = 500;

    /// <summary>Gets or sets the most insights kept per reflection.</summary>
    /// <value>The default is 5.</value>
    public int MaxInsights { get; set; } = 5;
}
