using System.Text.Json;

namespace Rapport.Cli.Tests.Security;

/// <summary>A word starting with <c>@</c> is a person's word, never the name of a file of more arguments.</summary>
public sealed class ResponseFileTests : IDisposable
{
    private readonly CliRun _cli = new();

    [Fact]
    public async Task Remember_AtWordsInEveryTextOption_StoredVerbatim()
    {
        var record = await RememberJson("--situation", "@home I feel lonely", "--kind", "k", "--text", "@home too", "--session", "@s1");

        Assert.Equal("@home I feel lonely", record.GetProperty("situation").GetString());
        Assert.Equal("@home too", record.GetProperty("text").GetString());
        Assert.Equal("@s1", record.GetProperty("sessionId").GetString());
    }

    [Fact]
    public async Task Remember_AtTool_IsValidatedAsAToolName()
    {
        var result = await _cli.RunAsync("remember", "--user", "ana", "--situation", "s", "--kind", "k", "--text", "t", "--tool", "@tool");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Invalid tool name '@tool'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remember_AtPathOfExistingFile_StoresTheLiteralNotTheFile()
    {
        // A file that, read as a response file, would inject an outcome and redirect the store.
        var other = Path.Combine(_cli.Home, "other.db");
        var notes = Path.Combine(_cli.Home, "notes.txt");
        await File.WriteAllTextAsync(notes, $"--store sqlite:{other} --outcome helped");

        var record = await RememberJson("--situation", "@" + notes, "--kind", "k", "--text", "@/etc/hostname");

        Assert.Equal("@" + notes, record.GetProperty("situation").GetString());
        Assert.Equal("@/etc/hostname", record.GetProperty("text").GetString());
        Assert.Equal("unknown", record.GetProperty("outcome").GetString());
        Assert.False(File.Exists(other));
    }

    [Fact]
    public async Task Recall_AtQuery_IsAQueryNotAFile()
    {
        await RememberJson("--situation", "@home I feel lonely", "--kind", "k", "--text", "call a friend");

        var recall = await _cli.RunAsync("recall", "--user", "ana", "--query", "@home lonely", "--json");

        Assert.Equal(0, recall.ExitCode);
        Assert.Equal("", recall.Error);
        Assert.Equal("@home I feel lonely", JsonDocument.Parse(recall.Output).RootElement.EnumerateArray().Single().GetProperty("situation").GetString());
    }

    private async Task<JsonElement> RememberJson(params string[] args)
    {
        var result = await _cli.RunAsync(["remember", "--user", "ana", .. args, "--json"]);
        Assert.True(result.ExitCode == 0, result.Error);
        return JsonDocument.Parse(result.Output).RootElement;
    }

    public void Dispose() => _cli.Dispose();
}
