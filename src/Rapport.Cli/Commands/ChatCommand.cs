using System.CommandLine;
using System.Globalization;
using Rapport.Cli.Hosting;
using Rapport.Coaching;
using Rapport.Memory;
using Rapport.SelfImprovement;

namespace Rapport.Cli.Commands;

/// <summary><c>rapport chat</c>: a session with the built-in coach; asks after each intervention whether it helped.</summary>
/// <remarks>Reads one line per turn from standard input (a terminal or a pipe). <c>/end</c>, or the end of input, closes the
/// session and prints its reflection.</remarks>
internal sealed class ChatCommand : CliCommand
{
    private readonly Option<string> User = MemoryOptions.User();
    private readonly Option<string?> Session = new("--session") { Description = "The session id (default: chat-<time>)" };

    public ChatCommand(CliContext context)
        : base("chat", "Talk with the built-in coach; /end closes the session and prints the reflection", context)
    {
        Options.Add(User);
        Options.Add(Session);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliHost host, CancellationToken cancellationToken)
    {
        var user = MemoryIds.ValidateUserId(parse.GetValue(User));
        var session = MemoryIds.ValidateSessionId(parse.GetValue(Session)
            ?? "chat-" + host.Time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        var loop = host.Loop;
        var coach = host.Coach;
        Console.WriteLine($"Rapport coach, session {session} with {user}. Tell me what is going on; /end closes the session.");
        var turns = 0;
        while (await PromptAsync("you> ", cancellationToken).ConfigureAwait(false) is { } line && !IsEnd(line))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var turn = await coach.RespondAsync(new CoachRequest { UserId = user, SessionId = session, Situation = line.Trim() }, cancellationToken)
                .ConfigureAwait(false);
            turns++;
            Console.WriteLine($"coach> {turn.Text}");
            if (turn.Exercise is not null && InterventionCatalog.Find(turn.Kind) is { IsExercise: true } exercise)
            {
                Console.WriteLine($"       [{InterventionCatalog.ExerciseTool}: {exercise.Phrase}] {string.Join(" / ", exercise.Steps)}");
            }

            var answer = await PromptAsync("Did that help? (y/n, Enter to skip) ", cancellationToken).ConfigureAwait(false);
            var outcome = answer?.Trim().ToLowerInvariant() switch
            {
                "y" or "yes" => InterventionOutcome.Helped,
                "n" or "no" => InterventionOutcome.NotHelped,
                _ => InterventionOutcome.Unknown,
            };
            if (outcome != InterventionOutcome.Unknown)
            {
                await loop.SetOutcomeAsync(turn.Recorded.Intervention.Id, outcome, cancellationToken: cancellationToken).ConfigureAwait(false);
                Console.WriteLine(outcome == InterventionOutcome.Helped ? "coach> Glad it helped; I'll remember that." : "coach> Thanks for telling me; I'll try something else next time.");
            }

            if (answer is null || IsEnd(answer))
            {
                break;
            }
        }

        var reflection = (await loop.EndSessionAsync(user, session, cancellationToken).ConfigureAwait(false)).Reflection;
        Console.WriteLine($"Session ended after {turns} interventions. Reflection: {reflection.Summary}");
        foreach (var insight in reflection.Insights)
        {
            Console.WriteLine($"  insight: {insight}");
        }

        return ExitCodes.Success;
    }

    private static bool IsEnd(string line) => line.Trim().Equals("/end", StringComparison.OrdinalIgnoreCase);

    private async Task<string?> PromptAsync(string prompt, CancellationToken cancellationToken)
    {
        Console.Output.Write(prompt);
        await Console.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return await Console.Input.ReadLineAsync(cancellationToken).ConfigureAwait(false);
    }
}
