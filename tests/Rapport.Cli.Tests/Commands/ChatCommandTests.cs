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
        if (!File.Exists("/usr/bin/tmux") && !File.Exists("/usr/local/bin/tmux"))
        {
            Assert.Skip("tmux is not installed, so no real terminal can be driven (apt-get install tmux)");
        }

        using var run = new CliRun();
        var session = "rapport-ctrlc-" + Environment.ProcessId;
        var dll = typeof(RapportCli).Assembly.Location;
        await Tmux("new-session", "-d", "-s", session, "-x", "200", "-y", "50", $"dotnet '{dll}' chat --user ana --session t2 --home '{run.Home}'; echo \"exit=$?\"; sleep 30");
        try
        {
            await WaitFor(session, "you>");
            await Tmux("send-keys", "-t", session, "I have an exam tomorrow and I panic", "Enter");
            await WaitFor(session, "Did that help?");
            await Tmux("send-keys", "-t", session, "y", "Enter");
            await WaitFor(session, "I'll remember that");
            await Tmux("send-keys", "-t", session, "C-c");
            var screen = await WaitFor(session, "exit=");

            Assert.Contains("Session ended after 1 interventions", screen, StringComparison.Ordinal);
            Assert.Contains("Reflection:", screen, StringComparison.Ordinal);
            Assert.True(screen.Contains("exit=0", StringComparison.Ordinal), screen);
        }
        finally
        {
            await Tmux("kill-session", "-t", session);
        }
    }

    [Fact]
    public async Task Chat_InRealTerminal_AnswersAsksAndReflects()
    {
        if (!File.Exists("/usr/bin/tmux") && !File.Exists("/usr/local/bin/tmux"))
        {
            Assert.Skip("tmux is not installed, so no real terminal can be driven (apt-get install tmux)");
        }

        using var run = new CliRun();
        var session = "rapport-chat-" + Environment.ProcessId;
        var dll = typeof(RapportCli).Assembly.Location;
        await Tmux("new-session", "-d", "-s", session, "-x", "200", "-y", "50", $"dotnet '{dll}' chat --user ana --session t1 --home '{run.Home}'; sleep 30");
        try
        {
            await WaitFor(session, "you>");
            await Tmux("send-keys", "-t", session, "I have an exam tomorrow and I panic", "Enter");
            await WaitFor(session, "Did that help?");
            await Tmux("send-keys", "-t", session, "y", "Enter");
            await WaitFor(session, "I'll remember that");
            await Tmux("send-keys", "-t", session, "/end", "Enter");
            var screen = await WaitFor(session, "Reflection:");

            Assert.Contains("coach> ", screen, StringComparison.Ordinal);
            Assert.Contains("Session ended after 1 interventions", screen, StringComparison.Ordinal);
            Assert.Contains("Helped: ", screen, StringComparison.Ordinal);
        }
        finally
        {
            await Tmux("kill-session", "-t", session);
        }
    }

    private static async Task<string> WaitFor(string session, string text)
    {
        var screen = "";
        for (var i = 0; i < 300; i++)
        {
            screen = await Tmux("capture-pane", "-p", "-J", "-t", session);
            if (screen.Contains(text, StringComparison.Ordinal))
            {
                return screen;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"'{text}' never appeared; the terminal shows:\n{screen}");
    }

    private static async Task<string> Tmux(params string[] args)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}
