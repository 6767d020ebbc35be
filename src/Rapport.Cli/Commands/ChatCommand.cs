using System.CommandLine;
using System.Globalization;
using Rapport.Cli.Hosting;
using Rapport.Cli.Output;
using Rapport.Coaching;
using Rapport.Memory;
using Rapport.SelfImprovement;

namespace Rapport.Cli.Commands;

/// <summary><c>rapport chat</c>: a session with the built-in coach; asks after each intervention whether it helped.</summary>
/// <remarks>Reads one line per turn from standard input (a terminal or a pipe). <c>/end</c>, or the end of input, closes the
/// session and prints its reflection. The coach words its turns offline unless <c>--model</c> (or the <c>RAPPORT_CHAT_*</c>
/// variables) names a chat model; then the model words them from the memory context and the recommended kind.</remarks>
internal sealed class ChatCommand : CliCommand
{
    private readonly Option<string> User = MemoryOptions.User();
    private readonly Option<string?> Session = new("--session") { Description = "The session id (default: chat-<time>)" };
    private readonly Option<string?> Model = new("--model")
    {
        Description = $"The chat model that words the coach's turns: {ChatModelSettings.Accepted}, or {Offline} for the built-in wording " +
            $"(default: {ChatModelSettings.ProviderVariable} and {ChatModelSettings.ModelVariable} when set, else {Offline}; the API key only from {ChatModelSettings.ApiKeyVariable})",
    };

    private const string Offline = "offline";

    public ChatCommand(CliContext context)
        : base("chat", "Talk with the built-in coach; /end closes the session and prints the reflection", context)
    {
        Options.Add(User);
        Options.Add(Session);
        Options.Add(Model);
    }

    protected override async Task<int> ExecuteAsync(ParseResult parse, CliHost host, CancellationToken cancellationToken)
    {
        if (parse.GetValue(Context.Global.Json))
        {
            throw new ArgumentException("chat is a conversation and has no --json output; use remember, recall and outcome --json to script the same steps");
        }

        var user = MemoryIds.ValidateUserId(parse.GetValue(User));
        var session = MemoryIds.ValidateSessionId(parse.GetValue(Session)
            ?? "chat-" + host.Time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        var chatModel = host.CoachModel;
        var loop = host.Loop;
        var coach = host.Coach;
        var wording = chatModel is null ? "" : $" (words by {chatModel.Describe()})";
        Console.WriteLine($"Rapport coach{wording}, session {session} with {user}. Tell me what is going on; /help lists the commands, /end closes the session.");
        var turns = new System.Runtime.CompilerServices.StrongBox<int>();
        string? failure = null;
        using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Ctrl-C (SIGINT) ends the conversation, not the process: the session is still closed and reflected on.
        using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGINT,
            signal =>
            {
                signal.Cancel = true;
                interrupted.Cancel();
            });
        try
        {
            await ConverseAsync(coach, loop, user, session, turns, interrupted.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
        {
            // Ctrl-C ends the session as /end does: what was said is kept and reflected on.
            Console.WriteLine();
        }
        catch (ChatModelException e)
        {
            // The model cannot answer (unreachable, unknown model, key refused): say so in one line, still close the session.
            failure = e.Message;
        }

        var reflection = (await loop.EndSessionAsync(user, session, CancellationToken.None).ConfigureAwait(false)).Reflection;
        Console.WriteLine($"Session ended after {turns.Value} interventions. Reflection: {reflection.Summary}");
        foreach (var insight in reflection.Insights)
        {
            Console.WriteLine($"  insight: {insight}");
        }

        if (failure is not null)
        {
            Console.Error(failure);
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }

    // Counts the turns in turns (read even when Ctrl-C cancels the conversation midway).
    private async Task ConverseAsync(
        RapportCoach coach, RapportLoop loop, string user, string session, System.Runtime.CompilerServices.StrongBox<int> turns, CancellationToken cancellationToken)
    {
        CoachTurn? last = null;
        while (await PromptAsync("you> ", cancellationToken).ConfigureAwait(false) is { } line && !IsEnd(line))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (line.Trim().StartsWith('/'))
            {
                // A command is never sent to the coach as something the person said.
                if (line.Trim().Equals("/why", StringComparison.OrdinalIgnoreCase))
                {
                    foreach (var why in last is null ? ["no suggestion yet in this session; /why explains the last one"] : RecommendationText.Lines(last.Kind, last.Recommendation))
                    {
                        Console.Output.WriteLine(why);
                    }

                    continue;
                }

                Console.WriteLine(line.Trim().Equals("/help", StringComparison.OrdinalIgnoreCase)
                    ? "commands: /help lists these, /why shows the estimates and evidence behind the last suggestion, /end (or Ctrl-C, or the end of input) closes the session and prints its reflection"
                    : $"unknown command {line.Trim()}; /help lists the commands");
                continue;
            }

            var turn = await coach.RespondAsync(new CoachRequest { UserId = user, SessionId = session, Situation = line.Trim() }, cancellationToken)
                .ConfigureAwait(false);
            turns.Value++;
            last = turn;
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
    }

    /// <inheritdoc />
    protected override ChatModelSettings? CoachModel(ParseResult parse)
    {
        var flag = parse.GetValue(Model)?.Trim();
        return string.Equals(flag, Offline, StringComparison.OrdinalIgnoreCase) ? null : ChatModelSettings.Resolve(flag, Context.Environment, "--model");
    }

    private static bool IsEnd(string line) => line.Trim().Equals("/end", StringComparison.OrdinalIgnoreCase);

    private async Task<string?> PromptAsync(string prompt, CancellationToken cancellationToken)
    {
        Console.Output.Write(prompt);
        await Console.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        // Console.In reads synchronously even through ReadLineAsync and never observes the token, so the read runs on the
        // thread pool and the wait is what Ctrl-C cancels (the abandoned read ends with the process).
        var input = Console.Input;
        return await Task.Run(input.ReadLine, CancellationToken.None).WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
