namespace Rapport.Tests.Telemetry;

/// <summary>Telemetry tests share process-wide listeners and meters: they run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}
