namespace Rapport.Memory;

/// <summary>How long each type of record is kept before it expires.</summary>
public sealed class RetentionOptions
{
    /// <summary>The default retention of every record type: 30 days.</summary>
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(30);

    /// <summary>Gets or sets how long an intervention is kept after it is recorded.</summary>
    /// <value>The default value is 30 days.</value>
    public TimeSpan Interventions { get; set; } = DefaultRetention;

    /// <summary>Gets or sets how long a session reflection is kept after it is written.</summary>
    /// <value>The default value is 30 days.</value>
    public TimeSpan Reflections { get; set; } = DefaultRetention;

    /// <summary>Gets or sets how long a profile is kept after it was last saved.</summary>
    /// <value>The default value is 30 days.</value>
    public TimeSpan Profiles { get; set; } = DefaultRetention;

    /// <summary>Returns the retention of <paramref name="type"/>.</summary>
    public TimeSpan For(RecordType type) => type switch
    {
        RecordType.Intervention => Interventions,
        RecordType.Reflection => Reflections,
        RecordType.Profile => Profiles,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown record type."),
    };

    /// <summary>Throws unless every retention is positive and at most ten years.</summary>
    public void Validate()
    {
        foreach (var type in Enum.GetValues<RecordType>())
        {
            var retention = For(type);
            if (retention <= TimeSpan.Zero || retention > TimeSpan.FromDays(3_650))
            {
                throw new ArgumentOutOfRangeException(
                    nameof(RetentionOptions), retention, $"The retention of {type} records must be more than zero and at most 3650 days.");
            }
        }
    }
}
