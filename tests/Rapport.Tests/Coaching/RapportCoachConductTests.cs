using Rapport.Coaching;
using Rapport.Memory;
using Rapport.Tests.SelfImprovement;

namespace Rapport.Tests.Coaching;

public sealed class RapportCoachConductTests
{
    [Fact]
    public async Task RespondAsync_AfterAKindDidNotHelp_SwitchesForTheSameTroubleOnly()
    {
        await using var f = new LoopFixture();
        var coach = new RapportCoach(f.Loop);
        const string back = "My back aches after the long drive";

        var first = await coach.RespondAsync(new CoachRequest { UserId = "ana", SessionId = "s1", Situation = back });
        await f.Loop.SetOutcomeAsync(first.Recorded.Intervention.Id, InterventionOutcome.NotHelped);
        var other = await coach.RespondAsync(new CoachRequest { UserId = "ana", SessionId = "s1", Situation = "My sister and I argued about money at dinner" });
        await f.Loop.SetOutcomeAsync(other.Recorded.Intervention.Id, InterventionOutcome.NotHelped);
        var again = await coach.RespondAsync(new CoachRequest { UserId = "ana", SessionId = "s1", Situation = "My sister and I argued about money at dinner" });

        // A new trouble after a failure: the recommendation as it stands (the failure already weighs in by its likeness).
        Assert.Equal(other.Recommendation.Best.Kind, other.Kind);
        // The same trouble right after a failure: another kind, since others are plausible for a user this new.
        Assert.NotEqual(other.Kind, again.Kind);
    }
}
