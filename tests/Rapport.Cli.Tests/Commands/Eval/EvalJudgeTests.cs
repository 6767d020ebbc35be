using System.Text.Json;

namespace Rapport.Cli.Tests.Commands.Eval;

/// <summary><c>rapport eval run --scorer supportiveness-judge</c> against a local OpenAI-compatible server: real HTTP through the real client.</summary>
public sealed class EvalJudgeTests : IAsyncDisposable
{
    private const string Key = "sk-test-not-a-real-key-4711";
    private readonly CliRun _cli = new();
    private readonly FakeOpenAiServer _server = new();

    public EvalJudgeTests()
    {
        _cli.Environment["RAPPORT_CHAT_PROVIDER"] = "openai";
        _cli.Environment["RAPPORT_CHAT_MODEL"] = "fake-judge";
        _cli.Environment["RAPPORT_CHAT_ENDPOINT"] = _server.Endpoint;
        _cli.Environment["RAPPORT_CHAT_API_KEY"] = Key;
        _cli.Environment["OPENAI_API_KEY"] = "";

        // The judge rates a lecturing reply 2 and any other 4, so the scores show that it saw each reply.
        _server.Reply = text => text.Contains("calm down", StringComparison.OrdinalIgnoreCase)
            ? "{\"score\": 2, \"reason\": \"dismissive\"}"
            : "{\"score\": 4, \"reason\": \"warm\"}";
    }

    [Fact]
    public async Task EvalRun_JudgeOverHttpWithRateLimits_ScoresEveryCaseAndRetriesThe429s()
    {
        _server.RateLimit = n => n is 1 or 5;

        var result = await _cli.RunAsync("eval", "run", "--dataset", EvalSamples.Path("coaching-cases.jsonl"),
            "--target", "recorded:" + EvalSamples.Path("responses-lecturing.jsonl"), "--scorer", "supportiveness-judge", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        var summary = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal(0, summary.GetProperty("failedScores").GetInt32());
        var judge = summary.GetProperty("metrics").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "supportiveness_judge");
        Assert.Equal(25, judge.GetProperty("scored").GetInt32());
        var requests = _server.Requests.ToList();
        Assert.Equal(2, requests.Count(r => r.Status == 429));
        Assert.Equal(25, requests.Count(r => r.Status == 200));
        Assert.All(requests, r => Assert.Equal(("/v1/chat/completions", $"Bearer {Key}", "fake-judge"), (r.Path, r.Authorization, r.Model)));
        var lecturing = requests.Count(r => r.Status == 200 && r.Text.Contains("calm down", StringComparison.OrdinalIgnoreCase));
        Assert.InRange(lecturing, 1, 24);
        Assert.Equal(((lecturing * 0.25) + ((25 - lecturing) * 0.75)) / 25, judge.GetProperty("mean").GetDouble(), 6);
        var saved = string.Concat(Directory.GetFiles(Path.Combine(_cli.Home, "evaluations")).Select(File.ReadAllText));
        Assert.DoesNotContain(Key, saved + result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvalRun_EveryJudgeCallFails_SaysWhyWithTheFirstErrorAndACountAndExitsNonZero()
    {
        _server.Reply = _ => "I would rather not give a number.";

        var result = await _cli.RunAsync("eval", "run", "--dataset", EvalSamples.Path("coaching-cases.jsonl"),
            "--target", "recorded:" + EvalSamples.Path("responses-warm.jsonl"), "--scorer", "supportiveness-judge");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("every judge call of the run failed (25 of 25)", result.Error, StringComparison.Ordinal);
        Assert.Contains("judge answered without a usable score", result.Error, StringComparison.Ordinal);
        Assert.Contains("(and 24 more failures)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvalRun_JudgeFlag_OverridesTheModelAndEndpoint()
    {
        _cli.Environment["RAPPORT_CHAT_ENDPOINT"] = "http://127.0.0.1:9/v1";

        var result = await _cli.RunAsync("eval", "run", "--dataset", EvalSamples.Path("coaching-cases.jsonl"),
            "--target", "recorded:" + EvalSamples.Path("responses-warm.jsonl"), "--scorer", "supportiveness-judge", "--scorer", "brevity",
            "--judge", $"openai:other-judge@{_server.Endpoint}");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains($"judge: openai other-judge at {_server.Endpoint}", result.Output, StringComparison.Ordinal);
        Assert.Contains("supportiveness_judge", result.Output, StringComparison.Ordinal);
        Assert.Contains("brevity", result.Output, StringComparison.Ordinal);
        Assert.All(_server.Requests, r => Assert.Equal("other-judge", r.Model));
    }

    [Fact]
    public async Task EvalRun_JudgeScorerWithoutAChatModel_FailsAndSaysHowToConfigureOne()
    {
        _cli.Environment["RAPPORT_CHAT_PROVIDER"] = "";
        _cli.Environment["RAPPORT_CHAT_MODEL"] = "";

        var result = await _cli.RunAsync("eval", "run", "--dataset", EvalSamples.Path("coaching-cases.jsonl"),
            "--target", "recorded:" + EvalSamples.Path("responses-warm.jsonl"), "--scorer", "supportiveness-judge");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("needs a chat model and none is configured", result.Error, StringComparison.Ordinal);
        Assert.Contains("RAPPORT_CHAT_PROVIDER", result.Error, StringComparison.Ordinal);
        Assert.Contains("--judge", result.Error, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
        Assert.False(Directory.Exists(Path.Combine(_cli.Home, "evaluations")) && Directory.EnumerateFiles(Path.Combine(_cli.Home, "evaluations")).Any());
    }

    [Fact]
    public async Task EvalRun_JudgeFlagWithoutAJudgeScorer_IsRejected()
    {
        var result = await _cli.RunAsync("eval", "run", "--dataset", EvalSamples.Path("coaching-cases.jsonl"),
            "--target", "recorded:" + EvalSamples.Path("responses-warm.jsonl"), "--judge", "ollama:llama3.2");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--scorer supportiveness-judge", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_ShowsTheChatModelWithoutTheKey()
    {
        var result = await _cli.RunAsync("doctor", "--json");

        var checks = JsonDocument.Parse(result.Output).RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c);
        var chat = checks["chat model"];
        Assert.Equal("ok", chat.GetProperty("status").GetString());
        Assert.Contains($"openai fake-judge at {_server.Endpoint}", chat.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("API key from RAPPORT_CHAT_API_KEY", chat.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, result.Output, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Doctor_MalformedChatConfiguration_FailsThatCheckWithAFix()
    {
        _cli.Environment["RAPPORT_CHAT_PROVIDER"] = "azure-magic";

        var result = await _cli.RunAsync("doctor", "--json");

        Assert.Equal(1, result.ExitCode);
        var chat = JsonDocument.Parse(result.Output).RootElement.GetProperty("checks").EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == "chat model");
        Assert.Equal("fail", chat.GetProperty("status").GetString());
        Assert.Contains("azure-magic", chat.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("RAPPORT_CHAT_MODEL", chat.GetProperty("fix").GetString(), StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        _cli.Dispose();
        await _server.DisposeAsync();
    }
}
