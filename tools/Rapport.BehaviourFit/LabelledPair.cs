using Rapport.Evaluation.Behaviour;

namespace Rapport.BehaviourFit;

/// <summary>One labelled (previous message, turn) pair: from the self-written set, or an ESConv supporter turn with its mapped code.</summary>
internal sealed record LabelledPair(string Id, string Group, string Previous, string Turn, BehaviourCode Code, string? Form = null);
