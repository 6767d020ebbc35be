using Rapport.Memory;

namespace Rapport.Storage;

/// <summary>Builds a <see cref="MemoryOverview"/> from live interventions one at a time, so every store computes the same figures.</summary>
/// <remarks>
/// A store that reads its live interventions' creation time, kind, outcome and quality (never their text) adds each once and
/// calls <see cref="Build"/>. Not thread-safe: one builder per computation.
/// </remarks>
/// <param name="since">The first instant counted in the activity per day.</param>
/// <param name="lowQualityBelow">The quality under which an intervention counts as low quality.</param>
public sealed class MemoryOverviewBuilder(DateTimeOffset since, double lowQualityBelow)
{
    private readonly long _from = since.UtcTicks;
    private readonly SortedDictionary<long, (long Recorded, long Helped, long NotHelped, double QualitySum, long Scored)> _days = [];
    private readonly Dictionary<string, KindOutcomeCounts> _kinds = new(StringComparer.Ordinal);
    private readonly long[] _histogram = new long[MemoryOverview.QualityBuckets];
    private long _unscored;
    private long _low;

    /// <summary>Counts one live intervention.</summary>
    /// <param name="createdAtTicks">When it was recorded, in UTC ticks.</param>
    /// <param name="kind">Its kind.</param>
    /// <param name="outcome">Its outcome so far.</param>
    /// <param name="quality">Its quality, or <see langword="null"/> when unscored.</param>
    public void Add(long createdAtTicks, string kind, InterventionOutcome outcome, double? quality)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var helped = outcome == InterventionOutcome.Helped ? 1 : 0;
        var notHelped = outcome == InterventionOutcome.NotHelped ? 1 : 0;
        var counts = _kinds.GetValueOrDefault(kind);
        _kinds[kind] = new KindOutcomeCounts(counts.Total + 1, counts.Helped + helped, counts.NotHelped + notHelped);
        if (quality is { } q)
        {
            _histogram[Math.Clamp((int)(q * MemoryOverview.QualityBuckets), 0, MemoryOverview.QualityBuckets - 1)]++;
            _low += q < lowQualityBelow ? 1 : 0;
        }
        else
        {
            _unscored++;
        }

        if (createdAtTicks >= _from)
        {
            var key = createdAtTicks / TimeSpan.TicksPerDay;
            var day = _days.GetValueOrDefault(key);
            _days[key] = (day.Recorded + 1, day.Helped + helped, day.NotHelped + notHelped, day.QualitySum + (quality ?? 0), day.Scored + (quality is null ? 0 : 1));
        }
    }

    /// <summary>Returns the overview of every intervention added so far.</summary>
    public MemoryOverview Build() => new()
    {
        Days = [.. _days.Select(d => new DailyActivity(DateOnly.FromDayNumber((int)d.Key), d.Value.Recorded, d.Value.Helped, d.Value.NotHelped,
            d.Value.Scored > 0 ? d.Value.QualitySum / d.Value.Scored : null))],
        Kinds = new Dictionary<string, KindOutcomeCounts>(_kinds, StringComparer.Ordinal),
        QualityHistogram = [.. _histogram],
        Unscored = _unscored,
        LowQuality = _low,
    };
}
