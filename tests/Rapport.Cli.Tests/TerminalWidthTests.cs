using System.Text.RegularExpressions;
using Rapport.Cli.Tests.Commands.Eval;

namespace Rapport.Cli.Tests;

/// <summary>recall, eval list and traces in a real 80-column terminal: every line fits, and a printed id works.</summary>
public sealed partial class TerminalWidthTests
{
    [Fact]
    public async Task At80Columns_RecallEvalListTraces_Fit_AndAShownIdPastesIntoOutcome()
    {
        Assert.SkipUnless(TmuxTerminal.IsInstalled, "tmux is not installed, so no real terminal can be driven (apt-get install tmux)");
        using var run = new CliRun();
        var longText = string.Join(' ', Enumerable.Repeat("Breathe in slowly for four counts and out for six.", 150));
        Assert.Equal(0, (await run.RunAsync("remember", "--user", "ana", "--situation", "I feel anxious about my exam tomorrow and my hands are shaking before every single question", "--kind", "breathing", "--text", longText)).ExitCode);
        Assert.Equal(0, (await run.RunAsync("remember", "--user", "ana", "--situation", "Exam nerves again tonight", "--kind", "break", "--text", "Step away for five minutes.")).ExitCode);
        Assert.Equal(0, (await run.RunAsync("eval", "run", "--dataset", EvalSamples.Path("coaching-cases.jsonl"), "--target", "recorded:" + EvalSamples.Path("responses-warm.jsonl"))).ExitCode);

        var session = "rapport-width-" + Environment.ProcessId;
        var cli = $"dotnet '{typeof(RapportCli).Assembly.Location}'";
        var script = $"{cli} recall --user ana --query 'exam nerves' --home '{run.Home}'; {cli} eval list --home '{run.Home}'; {cli} traces --home '{run.Home}'; echo END-OF-OUTPUT; sleep 60";
        await TmuxTerminal.Run("new-session", "-d", "-s", session, "-x", "80", "-y", "100", script);
        string screen;
        try
        {
            screen = await TmuxTerminal.WaitFor(session, "END-OF-OUTPUT", TimeSpan.FromMinutes(2));
        }
        finally
        {
            await TmuxTerminal.Run("kill-session", "-t", session);
        }

        // -J joins lines the terminal wrapped, so a line longer than 80 here is one that did not fit.
        var lines = screen.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.All(lines, l => Assert.True(l.Length <= 80, $"{l.Length} columns: {l}"));
        Assert.Contains(lines, l => l.Contains("search_memory", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("run-", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains('…', StringComparison.Ordinal));
        Assert.InRange(lines.Count(l => l.Contains("Breathe in slowly", StringComparison.Ordinal)), 1, 1);

        var id = RecallId().Match(screen);
        Assert.True(id.Success, screen);
        var outcome = await run.RunAsync("outcome", "--id", id.Groups[1].Value, "--outcome", "helped");
        Assert.True(outcome.ExitCode == 0, outcome.Error);
    }

    [GeneratedRegex(@"id:\s+([0-9a-f]{32})\b")]
    private static partial Regex RecallId();
}
