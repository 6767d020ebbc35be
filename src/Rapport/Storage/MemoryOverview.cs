using Rapport.Memory;

namespace Rapport.Storage;

/// <summary>A store's live interventions in aggregate: activity per day, outcomes per kind, quality distribution.</summary>
public sealed record MemoryOverview
{
    /// <summary>The number of equal-width quality buckets over 0..1 in <see cref="QualityHistogram"/>.</summary>
    public const int QualityBuckets = 10;

    /// <summary>Gets interventions recorded per UTC day, oldest first (days without any are left out).</summary>
    public IReadOnlyList<DailyActivity> Days { get; init; } = [];

    /// <summary>Gets outcome counts per kind over every live intervention.</summary>
    public IReadOnlyDictionary<string, KindOutcomeCounts> Kinds { get; init; } = new Dictionary<string, KindOutcomeCounts>();

    /// <summary>Gets how many scored interventions fall in each tenth of 0..1 (the last bucket includes 1).</summary>
    public IReadOnlyList<long> QualityHistogram { get; init; } = new long[QualityBuckets];

    /// <summary>Gets how many interventions carry no quality score.</summary>
    public long Unscored { get; init; }

    /// <summary>Gets how many scored interventions fall under the low-quality threshold asked for (kept for learning, never offered as a success).</summary>
    public long LowQuality { get; init; }
}
