using System.Text.Json;

namespace Rapport.Cli.Tests.Commands;

public sealed class MemoriesCommandTests : IDisposable
{
    private readonly CliRun _cli = new();

    [Fact]
    public async Task ListAndExport_OneUser_EverythingHeldAboutThem_NothingOfOthers()
    {
        await _cli.RunWithInputAsync("My presentation is tomorrow and my hands shake\ny\n/end\n", "chat", "--user", "ana", "--session", "s1");
        await _cli.RunAsync("remember", "--user", "ana", "--situation", "Exam nerves", "--kind", "breathing", "--text", "Breathe with me.");
        await _cli.RunAsync("remember", "--user", "ben", "--situation", "Ben's own secret", "--kind", "break", "--text", "Step away.");

        var list = await _cli.RunAsync("memories", "list", "--user", "ana", "--json");
        Assert.Equal(0, list.ExitCode);
        Assert.Equal(2, JsonDocument.Parse(list.Output).RootElement.GetArrayLength());
        var text = await _cli.RunAsync("memories", "list", "--user", "ana");
        Assert.Contains("Exam nerves", text.Output, StringComparison.Ordinal);

        var export = await _cli.RunAsync("memories", "export", "--user", "ana");
        Assert.Equal(0, export.ExitCode);
        var root = JsonDocument.Parse(export.Output).RootElement;
        Assert.Equal("ana", root.GetProperty("userId").GetString());
        Assert.Equal(2, root.GetProperty("memories").GetArrayLength());
        Assert.Equal(1, root.GetProperty("reflections").GetArrayLength());
        Assert.Equal("ana", root.GetProperty("profile").GetProperty("userId").GetString());
        Assert.DoesNotContain("Ben's own secret", export.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_UnknownStore_SaysNoStore_CreatesNothing()
    {
        var db = Path.Combine(_cli.Home, "missing", "x.db");

        var result = await _cli.RunAsync("memories", "export", "--user", "ana", "--store", "sqlite:" + db);

        Assert.Equal(3, result.ExitCode);
        Assert.False(Directory.Exists(Path.GetDirectoryName(db)));
    }

    public void Dispose() => _cli.Dispose();
}
