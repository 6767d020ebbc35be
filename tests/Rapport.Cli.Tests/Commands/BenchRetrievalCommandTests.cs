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
