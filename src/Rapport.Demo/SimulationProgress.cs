namespace Rapport.Demo;

/// <summary>How far a simulation has come.</summary>
/// <param name="Done">User-sessions finished.</param>
/// <param name="Total">User-sessions in the run.</param>
public readonly record struct SimulationProgress(int Done, int Total);
