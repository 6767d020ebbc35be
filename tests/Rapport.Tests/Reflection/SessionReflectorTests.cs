using Rapport.Memory;
using Rapport.Reflection;
using Rapport.Tests.SelfImprovement;

namespace Rapport.Tests.Reflection;

public sealed class SessionReflectorTests
{
    [Fact]
    public async Task EndSessionAsync_Session_SaysWhatWasTriedAndHelpedAndUpdatesProfile()
    {
        await using var f = new LoopFixture();
        await f.TurnAsync("ana", "Presentation tomorrow, hands shaking", "breathing", InterventionOutcome.Helped, session: "s1");
        await f.TurnAsync("ana", "Presentation tomorrow, hands shaking", "journaling", InterventionOutcome.NotHelped, session: "s1");
        await f.TurnAsync("ana", "Presentation tomorrow, hands shaking again", "breathing", InterventionOutcome.Helped, session: "s2");

        var reflection = (await f.Loop.EndSessionAsync("ana", "s2")).Reflection;
        var (first, saved) = await f.Loop.EndSessionAsync("ana", "s1");
        var profile = await f.Store.GetProfileAsync("ana");

        Assert.Equal(1, reflection.InterventionCount);
        Assert.Contains("Tried breathing", reflection.Summary, StringComparison.Ordinal);
        Assert.Contains("Did not help: journaling", first.Summary, StringComparison.Ordinal);
        Assert.Contains(reflection.Insights, i => i.Contains("breathing works best", StringComparison.Ordinal));
        Assert.Equal("breathing", profile.Preferences[SessionReflector.HelpsMostPreference]);
        Assert.Equal("journaling", profile.Preferences[SessionReflector.HelpsLeastPreference]);
        Assert.Equal(profile.Preferences, saved.Preferences);
    }
}
