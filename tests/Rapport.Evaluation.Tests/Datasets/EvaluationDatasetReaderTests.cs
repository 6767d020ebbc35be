using Rapport.Evaluation.Datasets;

namespace Rapport.Evaluation.Tests.Datasets;

public sealed class EvaluationDatasetReaderTests
{
    [Fact]
    public void Parse_AllFields_ReadsCase()
    {
        var dataset = EvaluationDatasetReader.Parse(
            """
            {"id": "a", "situation": "I can't sleep", "expected_tool": {"name": "start_breathing_exercise", "required_arguments": ["duration_seconds"]}, "reference": "Let's breathe.", "tags": ["sleep"]}

            {"id": 2, "messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}, {"role": "user", "content": "tired"}], "expected_tool": "none"}
            {"id": "c", "situation": "work", "expected_tool": "suggest_break"}
            """, "demo");

        Assert.Equal(3, dataset.Cases.Count);
        var first = dataset.Cases[0];
        Assert.Equal("start_breathing_exercise", first.ExpectedTool!.ToolName);
        Assert.Equal(["duration_seconds"], first.ExpectedTool.RequiredArguments);
        Assert.Equal(["sleep"], first.Tags);
        Assert.Equal("I can't sleep", Assert.Single(first.ToMessages()).Text);
        Assert.Equal("2", dataset.Cases[1].Id);
        Assert.Null(dataset.Cases[1].ExpectedTool!.ToolName);
        Assert.Equal(3, dataset.Cases[1].ToMessages().Count);
        Assert.Equal("suggest_break", dataset.Cases[2].ExpectedTool!.ToolName);
        Assert.Equal(16, dataset.ContentHash.Length);
    }

    [Fact]
    public void Parse_BadLines_ReportsEachWithItsLineNumber()
    {
        var error = Assert.Throws<EvaluationDatasetException>(() => EvaluationDatasetReader.Parse(
            """
            {"id": "a", "situation": "ok"}
            {"situation": "no id"}
            not json
            {"id": "a", "situation": "duplicate"}
            {"id": "d", "situaton": "typo"}
            {"id": "e"}
            {"id": "f", "messages": [{"role": "robot", "content": "x"}]}
            """, "bad"));

        Assert.Equal(6, error.Problems.Count);
        Assert.StartsWith("line 2: \"id\" is missing", error.Problems[0], StringComparison.Ordinal);
        Assert.StartsWith("line 3:", error.Problems[1], StringComparison.Ordinal);
        Assert.Contains("line 4: id \"a\" repeats the case on line 1", error.Problems[2], StringComparison.Ordinal);
        Assert.Contains("unknown field \"situaton\"", error.Problems[3], StringComparison.Ordinal);
        Assert.Contains("line 6: needs \"situation\"", error.Problems[4], StringComparison.Ordinal);
        Assert.Contains("role \"robot\"", error.Problems[5], StringComparison.Ordinal);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Empty_Throws() =>
        Assert.Throws<EvaluationDatasetException>(() => EvaluationDatasetReader.Parse("\n\n", "empty"));

    [Fact]
    public async Task LoadAsync_MissingFile_SaysWhichFile()
    {
        var error = await Assert.ThrowsAsync<EvaluationDatasetException>(() => EvaluationDatasetReader.LoadAsync("/nonexistent/cases.jsonl", TestContext.Current.CancellationToken));

        Assert.Contains("/nonexistent/cases.jsonl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Transcript_ReadsAWholeConversation()
    {
        var dataset = EvaluationDatasetReader.Parse(
            """
            {"id": "t", "transcript": [{"role": "user", "content": "I'm tired."}, {"role": "assistant", "content": "Worn out."}, {"role": "user", "content": "Yes."}]}
            """, "conversations");

        var item = Assert.Single(dataset.Cases);
        Assert.Equal(3, item.Transcript.Count);
        Assert.Empty(item.Messages);
    }

    [Theory]
    [InlineData("""{"id": "t", "transcript": [{"role": "user", "content": "Hi"}]}""", "at least one assistant turn")]
    [InlineData("""{"id": "t", "situation": "x", "transcript": [{"role": "assistant", "content": "Hi"}]}""", "without \"situation\" or \"messages\"")]
    [InlineData("""{"id": "t", "transcript": {"role": "assistant"}}""", "\"transcript\" must be an array")]
    public void Parse_BadTranscript_SaysWhatIsWrong(string line, string expected)
    {
        var error = Assert.Throws<EvaluationDatasetException>(() => EvaluationDatasetReader.Parse(line, "bad"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_SampleDataset_IsValid()
    {
        var path = Path.Combine(RepositoryRoot(), "samples", "coaching-cases.jsonl");

        var dataset = await EvaluationDatasetReader.LoadAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal("coaching-cases", dataset.Name);
        Assert.InRange(dataset.Cases.Count, 20, 40);
        Assert.Contains(dataset.Cases, c => c.ExpectedTool?.ToolName is not null);
        Assert.Contains(dataset.Cases, c => c.ExpectedTool is { ToolName: null });
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Rapport.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Rapport.slnx not found above the test binaries.");
    }
}
