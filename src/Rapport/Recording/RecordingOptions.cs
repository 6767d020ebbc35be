namespace Rapport.Recording;

/// <summary>Configures how interventions are scored and recorded.</summary>
public sealed class RecordingOptions
{
    /// <summary>The metadata key that marks a low-quality intervention.</summary>
    public const string LowQualityKey = "rapport.low_quality";

    /// <summary>The metric name whose value is stored as the overall quality, when a scorer reports it.</summary>
    public const string QualityMetric = "quality";

    /// <summary>Gets or sets the overall quality below which an intervention is kept but marked low quality.</summary>
    /// <value>The default is 0.7. Low-quality interventions never appear as past successes unless asked for.</value>
    public double QualityThreshold { get; set; } = 0.7;

    /// <summary>Throws unless the threshold is in 0..1.</summary>
    public void Validate()
    {
        if (!double.IsFinite(QualityThreshold) || QualityThreshold is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(QualityThreshold), QualityThreshold, "The quality threshold must be in 0..1.");
        }
    }
}
