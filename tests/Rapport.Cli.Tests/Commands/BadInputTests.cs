using System.Text.Json;

namespace Rapport.Cli.Tests.Commands;

public sealed class BadInputTests : IDisposable
{
    private readonly CliRun _cli = new();

    public static TheoryData<string[], int, string> Cases => new()
    {
        { ["remember", "--user", "a*", "--situation", "x", "--kind", "k", "--text", "y"], 2, "Invalid user id 'a*'" },
        { ["remember", "--user", "{x}", "--situation", "x", "--kind", "k", "--text", "y"], 2, "Invalid user id '{x}'" },
        { ["remember", "--user", "ana", "--situation", "", "--kind", "k", "--text", "y"], 2, "The situation is empty" },
        { ["remember", "--user", "ana", "--situation", "   ", "--kind", "k", "--text", "y"], 2, "The situation is empty" },
        { ["remember", "--user", "ana", "--situation", new string('x', 100_000), "--kind", "k", "--text", "y"], 2, "at most 8,000" },
        { ["remember", "--user", "ana", "--situation", "x", "--kind", "k", "--text", new string('y', 100_000)], 2, "at most 8,000" },
        { ["remember", "--user", "ana", "--situation", "x", "--kind", "k", "--text", "y", "--rating", "9"], 2, "Invalid rating 9" },
        { ["remember", "--user", "ana", "--situation", "x", "--kind", "k", "--text", "y", "--outcome", "maybe"], 2, "Unknown outcome 'maybe'" },
        { ["remember", "--user", "ana", "--situation", "x", "--kind", "two words", "--text", "y"], 2, "Invalid kind" },
        { ["remember", "--user", "ana", "--situation", "x", "--kind", "k"], 2, "'--text' is required" },
        { ["outcome", "--id", "abc", "--outcome", "sometimes"], 2, "Unknown outcome 'sometimes'" },
        { ["outcome", "--id", "a b", "--outcome", "helped"], 2, "Invalid record id" },
        { ["recall", "--user", "ana", "--query", "x", "--top", "nine"], 2, "--top must be a whole number (got 'nine')" },
        { ["recall", "--user", "ana", "--query", "x", "--top", "0"], 2, "Invalid --top 0" },
        { ["recall", "--user", "ana", "--query", "x", "--min-quality", "2"], 2, "Invalid minimum quality 2" },
        { ["recall", "--user", "ana", "--query", "x", "--store", "bogus"], 2, "Invalid store 'bogus'" },
        { ["recall", "--user", "ana", "--query", "x", "--store", "mongo:localhost"], 2, "No store provider for 'mongo:'" },
        { ["stats", "--bogus-flag"], 2, "Unrecognized command or argument '--bogus-flag'" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Command_BadInput_ExitsWithOneLineReason_StoreUnchanged(string[] args, int exitCode, string reason)
    {
        await _cli.RunAsync("remember", "--user", "ana", "--situation", "before", "--kind", "k", "--text", "kept");

        var result = await _cli.RunAsync(args);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
        Assert.StartsWith("rapport: ", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
        var stats = JsonDocument.Parse((await _cli.RunAsync("stats", "--json")).Output).RootElement;
        Assert.Equal(1, stats.GetProperty("interventions").GetInt64());
    }

    [Fact]
    public async Task Store_CannotBeOpened_ExitsOneWithReason()
    {
        var file = Path.Combine(_cli.Home, "a-file");
        await File.WriteAllTextAsync(file, "not a folder");

        var result = await _cli.RunAsync("stats", "--store", $"sqlite:{file}/rapport.db");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("rapport: Cannot open the SQLite store at", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    public void Dispose() => _cli.Dispose();
}
