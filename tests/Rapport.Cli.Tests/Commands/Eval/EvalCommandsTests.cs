using System.Text.Json;

namespace Rapport.Cli.Tests.Commands.Eval;

public sealed class EvalCommandsTests : IDisposable
{
    private readonly CliRun _cli = new();

    private static string Sample(string file) => EvalSamples.Path(file);

    private async Task<string> RunAsync(string responses)
    {
        var result = await _cli.RunAsync("eval", "run", "--dataset", Sample("coaching-cases.jsonl"), "--target", "recorded:" + Sample(responses), "--parallel", "3", "--json");
        Assert.True(result.ExitCode == 0, result.Error);
        var summary = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal(25, summary.GetProperty("cases").GetInt32());
        Assert.Equal(0, summary.GetProperty("targetErrors").GetInt32());
        Assert.Equal(0, summary.GetProperty("failedScores").GetInt32());
        return summary.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task EvalRun_SampleDatasetWithRecordedResponses_CompletesAndIsListed()
    {
        var run = await RunAsync("responses-warm.jsonl");

        var list = await _cli.RunAsync("eval", "list");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains(run, list.Output, StringComparison.Ordinal);
        Assert.Contains("recorded:responses-warm.jsonl", list.Output, StringComparison.Ordinal);

        var show = await _cli.RunAsync("eval", "show", run);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("deadline-panic", show.Output, StringComparison.Ordinal);
        Assert.Contains("supportiveness", show.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvalRun_TranscriptsWithoutATarget_ReportsEachConversationIndicator()
    {
        var result = await _cli.RunAsync("eval", "run", "--dataset", Sample("coaching-conversations.jsonl"), "--scorer", "conversation", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        var summary = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal(0, summary.GetProperty("targetErrors").GetInt32());
        var metrics = summary.GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("scored").GetInt32());
        Assert.Equal(3, metrics["reflection_share"]);
        Assert.Equal(3, metrics["reflection_to_question_ratio"]);
        Assert.Equal(3, metrics["advice_without_permission_share"]);
        Assert.Equal(3, metrics["conversation_supportiveness"]);
        Assert.Contains("complex_reflection_share", metrics.Keys);
    }

    [Fact]
    public async Task EvalRun_NoTargetForCasesThatNeedOne_SaysWhy()
    {
        var result = await _cli.RunAsync("eval", "run", "--dataset", Sample("coaching-cases.jsonl"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--target is required: 25 case(s)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvalCompare_TwoVariants_ShowsBetterPerScorerAndPerCase()
    {
        var warm = await RunAsync("responses-warm.jsonl");
        var lecturing = await RunAsync("responses-lecturing.jsonl");
        var report = Path.Combine(_cli.Home, "report.md");

        var json = await _cli.RunAsync("eval", "compare", lecturing, warm, "--json", "--markdown", report);

        Assert.True(json.ExitCode == 0, json.Error);
        var comparison = JsonDocument.Parse(json.Output).RootElement;
        var verdicts = comparison.GetProperty("metricChanges").EnumerateArray()
            .ToDictionary(c => c.GetProperty("metric").GetString()!, c => c.GetProperty("verdict").GetString());
        Assert.Equal("better", verdicts["supportiveness"]);
        Assert.Equal("better", verdicts["tool_usage"]);
        Assert.Equal("better", verdicts["quality"]);
        var cases = comparison.GetProperty("caseChanges").GetProperty(warm).EnumerateArray().ToList();
        Assert.Contains(cases, c => c.GetProperty("caseId").GetString() == "deadline-panic" && c.GetProperty("metric").GetString() == "quality" && c.GetProperty("verdict").GetString() == "better");
        Assert.Contains("## Cases that changed", await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var table = await _cli.RunAsync("eval", "compare", lecturing, warm);
        Assert.Equal(0, table.ExitCode);
        Assert.Matches(@"quality \+0\.[1-9]\d \(better\)", table.Output);
        Assert.Contains("deadline-panic", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvalRun_BadDataset_ExitsBadInputWithLineNumber()
    {
        var file = Path.Combine(_cli.Home, "bad.jsonl");
        await File.WriteAllTextAsync(file, "{\"id\": \"a\", \"situation\": \"ok\"}\n{\"situation\": \"no id\"}\n", TestContext.Current.CancellationToken);

        var result = await _cli.RunAsync("eval", "run", "--dataset", file, "--target", "recorded:" + Sample("responses-warm.jsonl"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("line 2", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--target", "chat:gpt")]
    [InlineData("--scorer", "vibes")]
    [InlineData("--parallel", "0")]
    public async Task EvalRun_BadOption_ExitsBadInput(string option, string value)
    {
        string[] args = ["eval", "run", "--dataset", Sample("coaching-cases.jsonl"), "--target", "recorded:" + Sample("responses-warm.jsonl"), option, value];

        var result = await _cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("rapport: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvalShow_UnknownRun_ExitsBadInput() =>
        Assert.Equal(3, (await _cli.RunAsync("eval", "show", "run-none")).ExitCode);

    public void Dispose() => _cli.Dispose();
}
