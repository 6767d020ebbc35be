using Rapport.Telemetry;

namespace Rapport.OpenTelemetry.Tests;

/// <summary>Tests that start the SDK share process-wide listeners: they run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HostCollection
{
    public const string Name = "Telemetry host";
}
