namespace Rapport.Storage;

/// <summary>Interventions recorded on one UTC day, with their outcomes so far.</summary>
/// <param name="Day">The day (UTC).</param>
/// <param name="Recorded">How many were recorded that day.</param>
/// <param name="Helped">How many of them helped.</param>
/// <param name="NotHelped">How many of them did not help.</param>
/// <param name="MeanQuality">Their mean quality, or <see langword="null"/> when none was scored.</param>
public sealed record DailyActivity(DateOnly Day, long Recorded, long Helped, long NotHelped, double? MeanQuality);
