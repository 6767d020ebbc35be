namespace Rapport.Tests.Configuration;

/// <summary>Tests that set <c>RAPPORT_*</c> environment variables: the process has one environment, so they never run in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "Process environment";
}
