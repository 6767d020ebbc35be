using Rapport.Memory;

namespace Rapport.Reflection;

/// <summary>A user's interventions in situations similar to one another: one type of situation, found by similarity.</summary>
/// <param name="Label">The earliest situation of the group, shortened, standing for the type.</param>
/// <param name="Members">The interventions, oldest first.</param>
internal sealed record SituationGroup(string Label, List<Intervention> Members);
