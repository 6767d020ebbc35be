using Microsoft.Extensions.AI;
using Rapport.Context;
using Rapport.Learning;
using Rapport.Recording;

namespace Rapport.Coaching;

/// <summary>The coach's answer to one turn: what it said, the exercise it started, and what memory told it.</summary>
/// <param name="Kind">The kind of intervention chosen.</param>
/// <param name="Text">What the coach said.</param>
/// <param name="Exercise">The <c>start_exercise</c> tool call, or <see langword="null"/> when the kind is not an exercise.</param>
/// <param name="Recorded">The intervention as recorded, with its scores; set its outcome by <c>Recorded.Intervention.Id</c>.</param>
/// <param name="Recommendation">The ranking the kind was chosen from.</param>
/// <param name="Context">The memory context the answer was worded with.</param>
public sealed record CoachTurn(
    string Kind,
    string Text,
    FunctionCallContent? Exercise,
    RecordedIntervention Recorded,
    Recommendation Recommendation,
    MemoryContext Context);
