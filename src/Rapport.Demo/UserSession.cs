using Rapport.Coaching;
using Rapport.Memory;
using Rapport.SelfImprovement;

namespace Rapport.Demo;

/// <summary>One user's session: the same situations for the three coaches, outcomes drawn from the hidden preferences.</summary>
internal sealed class UserSession(SimulatedUser user, int userIndex, int session, SimulationOptions options, IReadOnlyList<string> kinds, IReadOnlyList<string> types)
{
    public async Task RunAsync(RapportCoach coach, RapportLoop loop, DateTimeOffset start, Tally tally, RunCounter lowQuality, CancellationToken cancellationToken)
    {
        // One random source per user and session: the run does not depend on which thread gets which user first.
        var random = new Random(Seeds.Mix(options.Seed, userIndex, session));
        // The reference learner breaks ties with a source of its own, so the other coaches' draws do not depend on it.
        var referenceRandom = new Random(Seeds.Mix(options.Seed, userIndex, session + 1_000_000));
        var reference = user.Reference ??= new TypeAwareLearner(kinds);
        var sessionId = $"{user.Id}-s{session + 1:D3}";
        for (var turn = 0; turn < options.TurnsPerSession; turn++)
        {
            var type = types[random.Next(types.Count)];
            var situation = SituationBank.Word(type, random);
            var draw = random.NextDouble();
            var noMemoryKind = kinds[random.Next(kinds.Count)];
            var oracleKind = user.BestKinds[type];
            var referenceKind = reference.Choose(type, referenceRandom);
            var reply = await coach.RespondAsync(
                new CoachRequest { UserId = user.Id, SessionId = sessionId, Situation = situation, At = start.AddMinutes(5 * turn) },
                cancellationToken).ConfigureAwait(false);
            var helped = draw < user.SuccessProbability(type, reply.Kind);
            await loop.SetOutcomeAsync(
                reply.Recorded.Intervention.Id, helped ? InterventionOutcome.Helped : InterventionOutcome.NotHelped, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            if (reply.Recorded.IsLowQuality)
            {
                lowQuality.Increment();
            }

            var referenceHelped = draw < user.SuccessProbability(type, referenceKind);
            reference.Learn(type, referenceKind, referenceHelped);
            tally.Add(draw < user.SuccessProbability(type, noMemoryKind), helped, draw < user.SuccessProbability(type, oracleKind), referenceHelped);
        }

        await loop.EndSessionAsync(user.Id, sessionId, cancellationToken).ConfigureAwait(false);
    }
}
