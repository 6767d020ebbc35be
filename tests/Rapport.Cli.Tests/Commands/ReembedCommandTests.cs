using System.Text.Json;
using Rapport.Embeddings;
using Rapport.Memory;
using Rapport.Sqlite;

namespace Rapport.Cli.Tests.Commands;

/// <summary><c>rapport reembed</c> after switching embedders: recall says what awaits, writes are refused naming the command, the run fixes both.</summary>
public sealed class ReembedCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    [Fact]
    public async Task Reembed_StoreOfAnotherEmbedder_RecallWarnsWritesAreRefusedThenTheRunMovesTheStore()
    {
        await WriteWithAnotherEmbedderAsync("I feel tense before my talk", "My exam is tomorrow");

        var recall = await _cli.RunAsync("recall", "--user", "ana", "--query", "tense talk");
        var refused = await _cli.RunAsync("remember", "--user", "ana", "--situation", "New job", "--kind", "reframe", "--text", "Fresh start.");
        var run = await _cli.RunAsync("reembed");
        var again = await _cli.RunAsync("reembed", "--user", "ana", "--json");
        var after = await _cli.RunAsync("recall", "--user", "ana", "--query", "tense talk");

        Assert.Equal(0, recall.ExitCode);
        Assert.Contains("I feel tense before my talk", recall.Output, StringComparison.Ordinal);
        Assert.Contains("2 of ana's memories await re-embedding with hashing-384", recall.Error, StringComparison.Ordinal);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("rapport reembed", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Re-embedded 2 memories of 1 user(s) with hashing-384 (was hashing-64)", run.Output, StringComparison.Ordinal);
        Assert.Contains("/s)", run.Output, StringComparison.Ordinal);
        var json = JsonDocument.Parse(again.Output).RootElement;
        Assert.Equal((0, 2), (json.GetProperty("reembedded").GetInt32(), json.GetProperty("alreadyCurrent").GetInt32()));
        Assert.DoesNotContain("await re-embedding", after.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--batch", "0", "Invalid --batch 0: use 1-4096.")]
    [InlineData("--user", "a*", "user id")]
    [InlineData("--embedder", "nonesuch", "nonesuch")]
    public async Task Reembed_BadInput_ExitsWithBadInputAndOneLine(string option, string value, string expected)
    {
        await WriteWithAnotherEmbedderAsync("I feel tense before my talk");

        var result = await _cli.RunAsync("reembed", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    public void Dispose() => _cli.Dispose();

    private async Task WriteWithAnotherEmbedderAsync(params string[] situations)
    {
        await using var store = SqliteMemoryStore.Open(Path.Combine(_cli.Home, "rapport.db"));
        var memory = new RapportMemory(store, new HashingEmbeddingGenerator(64));
        foreach (var situation in situations)
        {
            await memory.RecordAsync(new NewIntervention { UserId = "ana", Situation = situation, Kind = "breathing", Text = "Breathe." });
        }
    }
}
