using System.Diagnostics;

namespace Rapport.Cli.Tests.Commands;

public sealed class ChatCommandTests
{
    [Fact]
    public async Task Chat_TwoTurnsAndEnd_RecordsOutcomesAndPrintsReflectionOfTheSession()
    {
        using var run = new CliRun();

        var result = await run.RunWithInputAsync(
            "My presentation is tomorrow and my hands shake\ny\nI can't sleep before the presentation\nn\n/end\n",
            "chat", "--user", "ana", "--session", "s1");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(4, result.Output.Split("coach> ").Length - 1); // two answers, two acknowledgements
        Assert.Contains("Reflection: Tried", result.Output, StringComparison.Ordinal);
        Assert.Contains("Helped: ", result.Output, StringComparison.Ordinal);
        Assert.Contains("Did not help: ", result.Output, StringComparison.Ordinal);
        var stats = await run.RunAsync("stats", "--user", "ana", "--json");
        Assert.Contains("\"helped\": 1", stats.Output, StringComparison.Ordinal);
        Assert.Contains("\"notHelped\": 1", stats.Output, StringComparison.Ordinal);
        Assert.Contains("\"reflections\": 1", stats.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_NewUser_FirstInterventionFollowsThePopulationsRates()
    {
        using var run = new CliRun();
        for (var i = 0; i < 4; i++)
        {
            var remembered = await run.RunAsync(
                "remember", "--user", $"user-{i}", "--situation", "Stressed about work", "--kind", "reframe", "--text", "Let's look at it another way.", "--outcome", "helped");
            Assert.Equal(0, remembered.ExitCode);
        }

        var result = await run.RunWithInputAsync("Stressed about work again\n\n/end\n", "chat", "--user", "newcomer", "--session", "s1");
        var recall = await run.RunAsync("recall", "--user", "newcomer", "--query", "Stressed about work", "--json");

        // The CLI's store sits behind the tracing decorator; the prior is found through it. "reframe" sorts after
        // "break" and "breathing", so without the population's rates the coach would open with another kind.
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"kind\": \"reframe\"", recall.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_SlashHelp_ListsCommands_IsNotSentAsAMessage()
    {
        using var run = new CliRun();

        var result = await run.RunWithInputAsync("/help\n/oops\n/end\n", "chat", "--user", "ana", "--session", "s1");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("commands: /help", result.Output, StringComparison.Ordinal);
        Assert.Contains("unknown command /oops", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("coach> ", result.Output, StringComparison.Ordinal);
        Assert.Contains("Session ended after 0 interventions", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_CtrlC_EndsTheSessionWithItsReflection_ExitZero()
    {
        if (!TmuxTerminal.IsInstalled)
        {
            Assert.Skip("tmux is not installed, so no real terminal can be driven (apt-get install tmux)");
        }

        using var run = new CliRun();
        var session = "rapport-ctrlc-" + Environment.ProcessId;
        try
        {
            await OpenChatWithOneHelpedTurnAsync(run, session, "t2", "echo \"exit=$?\"; sleep 30");
            await TmuxTerminal.Run("send-keys", "-t", session, "C-c");
            var screen = await WaitFor(session, "exit=");

            Assert.Contains("Session ended after 1 interventions", screen, StringComparison.Ordinal);
            Assert.Contains("Reflection:", screen, StringComparison.Ordinal);
            Assert.True(screen.Contains("exit=0", StringComparison.Ordinal), screen);
        }
        finally
        {
            await TmuxTerminal.Run("kill-session", "-t", session);
        }
    }

    [Fact]
    public async Task Chat_InRealTerminal_AnswersAsksAndReflects()
    {
        if (!TmuxTerminal.IsInstalled)
        {
            Assert.Skip("tmux is not installed, so no real terminal can be driven (apt-get install tmux)");
        }

        using var run = new CliRun();
        var session = "rapport-chat-" + Environment.ProcessId;
        try
        {
            await OpenChatWithOneHelpedTurnAsync(run, session, "t1", "sleep 30");
            await TmuxTerminal.Run("send-keys", "-t", session, "/end", "Enter");
            var screen = await WaitFor(session, "Reflection:");

            Assert.Contains("coach> ", screen, StringComparison.Ordinal);
            Assert.Contains("Session ended after 1 interventions", screen, StringComparison.Ordinal);
            Assert.Contains("Helped: ", screen, StringComparison.Ordinal);
        }
        finally
        {
            await TmuxTerminal.Run("kill-session", "-t", session);
        }
    }

    [Fact]
    public async Task Chat_KindDidNotHelp_NextSuggestionIsAnotherKind_AndWhyPrintsTheEstimates()
    {
        using var run = new CliRun();

        var result = await run.RunWithInputAsync(
            "My back aches after the long drive\nn\n/why\nMy back aches after the long drive\n\n/why\n/end\n", "chat", "--user", "ana", "--session", "s1");

        Assert.Equal(0, result.ExitCode);
        var chosen = System.Text.RegularExpressions.Regex.Matches(result.Output, @"chose (\S+);").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, chosen.Count);
        Assert.NotEqual(chosen[0], chosen[1]);
        Assert.Contains("expected 0.", result.Output, StringComparison.Ordinal);
        Assert.Contains("population 0.", result.Output, StringComparison.Ordinal);
        var answers = result.Output.Split("coach> ").Skip(1).Select(a => a.Split('\n')[0]).ToList();
        Assert.NotEqual(answers[0], answers[2]); // turn, acknowledgement, turn: the two suggestions are worded differently
    }

    [Fact]
    public async Task Chat_InRealTerminal_AfterNotHelped_SuggestsAnotherKind_AndWhyShowsEstimates()
    {
        if (!TmuxTerminal.IsInstalled)
        {
            Assert.Skip("tmux is not installed, so no real terminal can be driven (apt-get install tmux)");
        }

        using var run = new CliRun();
        var session = "rapport-why-" + Environment.ProcessId;
        try
        {
            var dll = typeof(RapportCli).Assembly.Location;
            await TmuxTerminal.Run("new-session", "-d", "-s", session, "-x", "200", "-y", "50", $"dotnet '{dll}' chat --user ana --session t3 --home '{run.Home}'; sleep 30");
            await WaitFor(session, "you>");
            await TmuxTerminal.Run("send-keys", "-t", session, "I feel tense before my talk", "Enter");
            await WaitFor(session, "Did that help?");
            await TmuxTerminal.Run("send-keys", "-t", session, "n", "Enter");
            await WaitFor(session, "try something else");
            await TmuxTerminal.Run("send-keys", "-t", session, "/why", "Enter");
            // The header line also says "population rate"; an estimate line ends "outcomes  population 0.xx", after its "expected".
            var first = await WaitFor(session, "outcomes  population ");
            await TmuxTerminal.Run("send-keys", "-t", session, "I feel tense before my talk", "Enter");
            await CountOnScreen(session, "Did that help?", 2);
            await TmuxTerminal.Run("send-keys", "-t", session, "Enter");
            await TmuxTerminal.Run("send-keys", "-t", session, "/why", "Enter");
            var screen = await CountOnScreen(session, "chose ", 2);

            var chosen = System.Text.RegularExpressions.Regex.Matches(screen, @"chose (\S+);").Select(m => m.Groups[1].Value).ToList();
            Assert.True(chosen.Count == 2, screen);
            Assert.NotEqual(chosen[0], chosen[1]);
            Assert.Contains("expected", first, StringComparison.Ordinal);
        }
        finally
        {
            await TmuxTerminal.Run("kill-session", "-t", session);
        }
    }

    // Starts `rapport chat` in a 200-column tmux terminal (then runs `after` in the shell) and answers one turn with
    // "it helped", so a test continues right after the coach says it will remember that.
    private static async Task OpenChatWithOneHelpedTurnAsync(CliRun run, string session, string sessionId, string after)
    {
        var dll = typeof(RapportCli).Assembly.Location;
        await TmuxTerminal.Run("new-session", "-d", "-s", session, "-x", "200", "-y", "50", $"dotnet '{dll}' chat --user ana --session {sessionId} --home '{run.Home}'; {after}");
        await WaitFor(session, "you>");
        await TmuxTerminal.Run("send-keys", "-t", session, "I have an exam tomorrow and I panic", "Enter");
        await WaitFor(session, "Did that help?");
        await TmuxTerminal.Run("send-keys", "-t", session, "y", "Enter");
        await WaitFor(session, "I'll remember that");
    }

    // Waits until text shows at least count times on the screen (scrollback included); returns the screen.
    private static async Task<string> CountOnScreen(string session, string text, int count)
    {
        var screen = "";
        for (var i = 0; i < 150; i++)
        {
            screen = await TmuxTerminal.Run("capture-pane", "-p", "-J", "-S", "-500", "-t", session);
            if (screen.Split(text).Length - 1 >= count)
            {
                return screen;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"'{text}' never appeared {count} times; the terminal shows:\n{screen}");
    }

    private static Task<string> WaitFor(string session, string text) => TmuxTerminal.WaitFor(session, text, TimeSpan.FromSeconds(30));
}
