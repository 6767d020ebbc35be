namespace Rapport.Server.Dashboard.Data;

/// <summary>The share of interventions that helped in one session of the demo, per coach.</summary>
internal sealed record DemoSession(int Session, double NoMemory, double Rapport, double TypeAware, double Oracle);
