namespace Rapport.Cli.Output;

/// <summary>Store statistics as printed with <c>--json</c>.</summary>
internal sealed record StatsJson(string Store, string? UserId, long Users, long Interventions, long Helped, long NotHelped, long Reflections, long Profiles);
