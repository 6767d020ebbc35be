using System.Text.Json;

namespace Rapport.Cli.Tests.Commands;

public sealed class RecallModeTests : IDisposable
{
    private readonly CliRun _cli = new();

    [Fact]
    public async Task Recall_LexicalMode_ReturnsOnlyWordMatches()
    {
        await _cli.RunAsync("remember", "--user", "ana", "--situation", "My volcano trip got cancelled", "--kind", "reframe", "--text", "Plans change.");
        await _cli.RunAsync("remember", "--user", "ana", "--situation", "I feel tense before my talk", "--kind", "breathing", "--text", "Breathe.");

        var lexical = await _cli.RunAsync("recall", "--user", "ana", "--query", "volcano", "--mode", "lexical", "--json");
        var hybrid = await _cli.RunAsync("recall", "--user", "ana", "--query", "volcano", "--json");

        Assert.Equal(0, lexical.ExitCode);
        Assert.Single(JsonDocument.Parse(lexical.Output).RootElement.EnumerateArray());
        Assert.Equal(2, JsonDocument.Parse(hybrid.Output).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Recall_UnknownMode_ExitsWithBadInput()
    {
        var result = await _cli.RunAsync("recall", "--user", "ana", "--query", "x", "--mode", "semantic");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Invalid --mode 'semantic'", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
