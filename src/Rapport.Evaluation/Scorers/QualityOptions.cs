namespace Rapport.Evaluation.Scorers;

/// <summary>Configures <see cref="QualityEvaluator"/>: the weight of each scorer's metric in the quality.</summary>
public sealed class QualityOptions
{
    /// <summary>Gets the weight of each metric by name; metrics not listed do not count.</summary>
    /// <value>The default is brevity 0.2, supportiveness 0.6, tool usage 0.2, chosen on the validation splits (docs/evaluation.md).</value>
    public IDictionary<string, double> Weights { get; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        [ScorerNames.Brevity] = 0.2,
        [ScorerNames.Supportiveness] = 0.6,
        [ScorerNames.ToolUsage] = 0.2,
    };

    /// <summary>Gets or sets the quality below which a turn fails.</summary>
    /// <value>The default is 0.6.</value>
    public double PassThreshold { get; set; } = 0.6;

    /// <summary>Throws unless the weights are non-negative with a positive sum and the threshold is in 0..1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A weight is negative, all are zero, or the threshold is outside 0..1.</exception>
    public void Validate()
    {
        foreach (var (name, weight) in Weights)
        {
            if (weight < 0 || double.IsNaN(weight))
            {
                throw new ArgumentOutOfRangeException(nameof(Weights), weight, $"The weight of '{name}' must be 0 or more.");
            }
        }

        if (Weights.Values.Sum() <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Weights), "At least one weight must be positive.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(PassThreshold, 0, nameof(PassThreshold));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PassThreshold, 1, nameof(PassThreshold));
    }
}
