using System.Text.Json;

namespace Rapport.Cli.Tests.Commands;

public sealed class BenchRetrievalCommandTests : IDisposable
{
    private const string Dataset = """
        [{
          "sample_id": "conv-cli",
          "conversation": {
            "session_1_date_time": "1:56 pm on 8 May, 2023",
            "session_1": [
              { "speaker": "Ana", "dia_id": "D1:1", "text": "I adopted a puppy named Biscuit." },
              { "speaker": "Ben", "dia_id": "D1:2", "text": "I started learning the violin." },
              { "speaker": "Ana", "dia_id": "D1:3", "text": "My sister moved to Lisbon." }
            ]
          },
          "qa": [
            { "question": "Which instrument is Ben learning?", "evidence": ["D1:2"], "category": 1 },
            { "question": "Where did Ana's sister move?", "evidence": ["D:1:3"], "category": 4 }
          ]
        }]
        """;

    private const string SecondConversation = """
        {
          "sample_id": "conv-two",
          "conversation": {
            "session_1": [
              { "speaker": "Cy", "dia_id": "D1:1", "text": "I repaired my old bicycle." },
              { "speaker": "Di", "dia_id": "D1:2", "text": "We planted tomatoes." }
            ]
          },
          "qa": [ { "question": "What did Cy repair?", "evidence": ["D1:1"], "category": 4 } ]
        }
        """;

    private readonly CliRun _cli = new();
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"locomo-cli-{Guid.NewGuid():N}.json");

    public BenchRetrievalCommandTests() => File.WriteAllText(_file, Dataset);

    [Theory]
    [InlineData("lexical")]
    [InlineData("hybrid")]
    public async Task BenchRetrieval_Json_ReportsRecallPerKAndCategory(string mode)
    {
        var result = await _cli.RunAsync("bench", "retrieval", "--dataset", _file, "--mode", mode, "--k", "1,3", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal(mode, root.GetProperty("mode").GetString());
        Assert.Equal(2, root.GetProperty("questions").GetInt32());
        Assert.Equal(1, root.GetProperty("normalizedEvidence").GetInt32());
        Assert.Equal(100, root.GetProperty("recall").GetProperty("1").GetDouble());
        Assert.Equal(2, root.GetProperty("categories").GetArrayLength());
        Assert.Equal(2, root.GetProperty("searchLatencyMs").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task BenchRetrieval_Text_PrintsTable()
    {
        var result = await _cli.RunAsync("bench", "retrieval", "--dataset", _file);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("R@10", result.Output, StringComparison.Ordinal);
        Assert.Contains("category 4", result.Output, StringComparison.Ordinal);
        Assert.Contains("search latency", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--mode", "fuzzy", "Invalid --mode 'fuzzy'")]
    [InlineData("--k", "5,x", "Invalid --k '5,x'")]
    [InlineData("--k", "0", "Invalid --k '0'")]
    public async Task BenchRetrieval_BadOption_ExitsWithBadInput(string option, string value, string reason)
    {
        var result = await _cli.RunAsync("bench", "retrieval", "--dataset", _file, option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2", "conv-two")]
    [InlineData("conv-two", "conv-two")]
    [InlineData("1-2", "conv-cli,conv-two")]
    [InlineData("2,1", "conv-cli,conv-two")]
    public async Task BenchRetrieval_Conversations_RunsOnlyThoseNamed(string selection, string expected)
    {
        await File.WriteAllTextAsync(_file, $"[{Dataset.Trim()[1..^1]}, {SecondConversation}]");

        var result = await _cli.RunAsync("bench", "retrieval", "--dataset", _file, "--mode", "lexical", "--conversations", selection, "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var ran = json.RootElement.GetProperty("perConversation").EnumerateArray().Select(c => c.GetProperty("conversation").GetString());
        Assert.Equal(expected, string.Join(',', ran));
    }

    [Theory]
    [InlineData("3")]
    [InlineData("0")]
    [InlineData("2-1")]
    [InlineData("conv-x")]
    [InlineData(",")]
    public async Task BenchRetrieval_UnknownConversation_ExitsWithBadInput(string selection)
    {
        var result = await _cli.RunAsync("bench", "retrieval", "--dataset", _file, "--mode", "lexical", "--conversations", selection);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Invalid --conversations", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchRetrieval_MissingOrMalformedFile_ExitsWithBadInput()
    {
        var missing = await _cli.RunAsync("bench", "retrieval", "--dataset", "/nonexistent/x.json");
        await File.WriteAllTextAsync(_file, "{ \"qa\": [] }");
        var malformed = await _cli.RunAsync("bench", "retrieval", "--dataset", _file);

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("No dataset file", missing.Error, StringComparison.Ordinal);
        Assert.Equal(2, malformed.ExitCode);
        Assert.Contains("not a LoCoMo-format file", malformed.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _cli.Dispose();
        File.Delete(_file);
    }
}
