using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Rapport.Cli.Tests.Commands;

/// <summary>Each CLI run starts the OpenTelemetry SDK, whose listeners are process-wide: these tests run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TracesCollection
{
    public const string Name = "CLI traces";
}

[Collection(TracesCollection.Name)]
public sealed class TracesCommandTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly CliRun _cli;

    public TracesCommandTests() => _cli = new CliRun { Time = _time };

    [Fact]
    public async Task Traces_AfterRememberAndRecall_ListsThemAndShowDrawsNestedTree()
    {
        await _cli.RunAsync("remember", "--user", "ana", "--situation", "I feel anxious about my exam", "--kind", "breathing", "--text", "Breathe with me.");
        await _cli.RunAsync("recall", "--user", "ana", "--query", "exam");

        var list = await _cli.RunAsync("traces", "--json");
        var text = await _cli.RunAsync("traces");

        Assert.Equal(0, list.ExitCode);
        var traces = JsonDocument.Parse(list.Output).RootElement.EnumerateArray().ToList();
        Assert.Equal(["search_memory", "create_memory"], traces.Select(t => t.GetProperty("operation").GetString()));
        Assert.All(traces, t => Assert.Equal("ok", t.GetProperty("status").GetString()));
        Assert.Contains("search_memory", text.Output, StringComparison.Ordinal);
        var recallId = traces[0].GetProperty("traceId").GetString()!;

        var show = await _cli.RunAsync("traces", "show", recallId);
        var json = await _cli.RunAsync("traces", "show", recallId[..8], "--json");

        Assert.Equal(0, show.ExitCode);
        var lines = show.Output.Split('\n');
        var recallLine = Array.FindIndex(lines, l => l.Contains("search_memory", StringComparison.Ordinal));
        var searchLine = Array.FindIndex(lines, l => l.Contains("retrieval sqlite", StringComparison.Ordinal));
        Assert.True(recallLine >= 0 && searchLine > recallLine, show.Output);
        Assert.True(Indent(lines[searchLine]) > Indent(lines[recallLine]), show.Output);
        Assert.Contains("gen_ai.operation.name = retrieval", show.Output, StringComparison.Ordinal);
        Assert.Contains("rapport.result.count = 1", show.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("anxious", show.Output, StringComparison.Ordinal);
        var root = Assert.Single(JsonDocument.Parse(json.Output).RootElement.EnumerateArray().ToList());
        Assert.Equal("search_memory", root.GetProperty("name").GetString());
        var children = root.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Contains("retrieval sqlite", children);
        Assert.Contains(children, c => c!.StartsWith("embeddings", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Traces_AfterRetention_AreGone()
    {
        // recall on a store that does not exist creates nothing (exit 3), so there is something to recall first.
        await _cli.RunAsync("remember", "--user", "ana", "--situation", "exam nerves", "--kind", "breathing", "--text", "Breathe with me.");
        await _cli.RunAsync("recall", "--user", "ana", "--query", "exam");
        Assert.Equal(2, JsonDocument.Parse((await _cli.RunAsync("traces", "--json")).Output).RootElement.GetArrayLength());

        _time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));

        Assert.Empty(JsonDocument.Parse((await _cli.RunAsync("traces", "--json")).Output).RootElement.EnumerateArray());
    }

    [Fact]
    public async Task Forget_RemovesTheUsersTraces_KeepsOthers()
    {
        await _cli.RunAsync("remember", "--user", "ana", "--situation", "exam nerves", "--kind", "breathing", "--text", "Breathe with me.");
        await _cli.RunAsync("remember", "--user", "ben", "--situation", "exam nerves", "--kind", "breathing", "--text", "Breathe with me.");
        await _cli.RunAsync("recall", "--user", "ana", "--query", "exam");
        await _cli.RunAsync("recall", "--user", "ben", "--query", "exam");
        var before = JsonDocument.Parse((await _cli.RunAsync("traces", "--json")).Output).RootElement.GetArrayLength();

        var forget = await _cli.RunAsync("forget", "--user", "ana", "--yes", "--json");

        // ana's create_memory and search_memory traces go whole (each has several spans); ben's stay, and the forget's own.
        Assert.True(JsonDocument.Parse(forget.Output).RootElement.GetProperty("traceSpansRemoved").GetInt64() >= 2, forget.Output);
        var operations = JsonDocument.Parse((await _cli.RunAsync("traces", "--json")).Output).RootElement.EnumerateArray()
            .Select(t => t.GetProperty("operation").GetString()).ToList();
        Assert.Equal(4, before);
        Assert.Equal(["delete_memory", "search_memory", "create_memory"], operations);
    }

    [Fact]
    public async Task Traces_FiltersAndBadInput_ExitCodesSayWhy()
    {
        await _cli.RunAsync("remember", "--user", "ana", "--situation", "exam nerves", "--kind", "breathing", "--text", "Breathe.");
        await _cli.RunAsync("recall", "--user", "ana", "--query", "exam");

        Assert.Empty(JsonDocument.Parse((await _cli.RunAsync("traces", "--errors", "--json")).Output).RootElement.EnumerateArray());
        Assert.Single(JsonDocument.Parse((await _cli.RunAsync("traces", "--op", "recall", "--json")).Output).RootElement.EnumerateArray());
        Assert.Equal(3, (await _cli.RunAsync("traces", "show", new string('0', 32))).ExitCode);
        var bad = await _cli.RunAsync("traces", "show", "zz");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("32 hex digits", bad.Error, StringComparison.Ordinal);
        Assert.Equal(2, (await _cli.RunAsync("traces", "--last", "0")).ExitCode);
    }

    private static int Indent(string line) => line.TakeWhile(c => !char.IsAsciiLetter(c)).Count();

    public void Dispose() => _cli.Dispose();
}
