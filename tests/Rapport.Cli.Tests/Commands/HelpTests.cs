namespace Rapport.Cli.Tests.Commands;

/// <summary>Help and parse errors as a new user meets them.</summary>
public sealed class HelpTests : IDisposable
{
    private readonly CliRun _cli = new();

    [Fact]
    public async Task Help_IsTheSameAsDashDashHelp_AndListsExamplesAndVariables()
    {
        var help = await _cli.RunAsync("help");
        var flag = await _cli.RunAsync("--help");

        Assert.Equal(0, help.ExitCode);
        Assert.Equal(flag.Output, help.Output);
        Assert.Contains("Examples:", help.Output, StringComparison.Ordinal);
        Assert.Contains("RAPPORT_HOME", help.Output, StringComparison.Ordinal);
        Assert.Contains("RAPPORT_STORE", help.Output, StringComparison.Ordinal);
        var recall = await _cli.RunAsync("help", "recall");
        Assert.Equal(0, recall.ExitCode);
        Assert.Contains("--query", recall.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Typo_SuggestsTheNearestCommandOnce()
    {
        var result = await _cli.RunAsync("recal", "--user", "ana", "--query", "exam nerves");

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Error.Split('\n'), l => l.Contains("did you mean 'recall'?", StringComparison.Ordinal));
        Assert.DoesNotContain("Unrecognized", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TopThatIsNotANumber_SaysWhatIsAccepted()
    {
        var result = await _cli.RunAsync("recall", "--user", "ana", "--query", "exam", "--top", "abc");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--top must be a whole number (got 'abc')", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.Int32", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
