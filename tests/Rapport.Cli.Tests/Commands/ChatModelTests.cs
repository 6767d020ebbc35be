using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Rapport.Cli.Tests.Commands.Eval;

namespace Rapport.Cli.Tests.Commands;

/// <summary><c>rapport chat --model</c> and <c>eval run --target chat:...</c> against a real Kestrel server on 127.0.0.1 that
/// serves canned OpenAI-compatible chat completions: real HTTP through the real client library.</summary>
public sealed class ChatModelTests : IAsyncDisposable
{
    private const string Key = "sk-test-chat-key-0815";
    private const string Reply = "That sounds like a lot at once. Shall we take three slow breaths together?";
    private readonly CliRun _cli = new();
    private readonly FakeOpenAiServer _server = new() { Models = new HashSet<string> { "coach-model" } };

    public ChatModelTests()
    {
        _cli.Environment["RAPPORT_CHAT_API_KEY"] = Key;
        _cli.Environment["OPENAI_API_KEY"] = "";
        _cli.Environment["RAPPORT_CHAT_ENDPOINT"] = "";
        _server.Reply = _ => Reply;
    }

    [Fact]
    public async Task Chat_ModelFlag_TheModelWordsTheTurnFromTheSituationAndTheMemoryContext()
    {
        await _cli.RunAsync("remember", "--user", "ana", "--situation", "Exam nerves", "--kind", "breathing", "--text", "Breathe with me.", "--outcome", "helped");

        var result = await _cli.RunWithInputAsync("My exam is tomorrow and I panic\ny\n/end\n",
            "chat", "--user", "ana", "--model", $"openai:coach-model@{_server.Endpoint}");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains($"coach> {Reply}", result.Output, StringComparison.Ordinal);
        Assert.Contains($"words by openai coach-model at {_server.Endpoint}", result.Output, StringComparison.Ordinal);
        var request = Assert.Single(_server.Requests);
        Assert.Equal(("/v1/chat/completions", $"Bearer {Key}", "coach-model", 200), (request.Path, request.Authorization, request.Model, request.Status));
        Assert.Contains("My exam is tomorrow and I panic", request.Text, StringComparison.Ordinal);
        Assert.Contains("breathing helped 1 of 1", request.Text, StringComparison.Ordinal); // the memory context reached the model
        Assert.DoesNotContain(Key, result.Output + result.Error, StringComparison.Ordinal);
        var stats = await _cli.RunAsync("stats", "--user", "ana", "--json");
        Assert.Contains("\"helped\": 2", stats.Output, StringComparison.Ordinal); // the model's turn was recorded
    }

    [Fact]
    public async Task Chat_VariablesSet_UsesThatModel_AndModelOffline_KeepsTheBuiltInCoach()
    {
        _cli.Environment["RAPPORT_CHAT_PROVIDER"] = "openai";
        _cli.Environment["RAPPORT_CHAT_MODEL"] = "coach-model";
        _cli.Environment["RAPPORT_CHAT_ENDPOINT"] = _server.Endpoint;

        var live = await _cli.RunWithInputAsync("Work is piling up\n\n/end\n", "chat", "--user", "ana");
        var offline = await _cli.RunWithInputAsync("Work is piling up\n\n/end\n", "chat", "--user", "ben", "--model", "offline");

        Assert.True(live.ExitCode == 0, live.Error);
        Assert.Contains($"coach> {Reply}", live.Output, StringComparison.Ordinal);
        Assert.True(offline.ExitCode == 0, offline.Error);
        Assert.DoesNotContain(Reply, offline.Output, StringComparison.Ordinal);
        Assert.Contains("coach> ", offline.Output, StringComparison.Ordinal);
        Assert.Single(_server.Requests); // the offline session asked nothing
    }

    [Fact]
    public async Task Chat_UnknownModel_OneLineNamingTheModel_ExitsOne_WithoutTheKey()
    {
        var result = await _cli.RunWithInputAsync("I feel low\n/end\n", "chat", "--user", "ana", "--model", $"openai:no-such-model@{_server.Endpoint}");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("has no model 'no-such-model'", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, result.Output + result.Error, StringComparison.Ordinal);
        Assert.Contains("Session ended", result.Output, StringComparison.Ordinal); // still closed and reflected on
    }

    [Fact]
    public async Task Chat_UnreachableEndpoint_OneLineSayingItCannotBeReached_ExitsOne()
    {
        var closed = $"http://127.0.0.1:{ClosedPort()}/v1";

        var result = await _cli.RunWithInputAsync("I feel low\n/end\n", "chat", "--user", "ana", "--model", $"openai:coach-model@{closed}");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"rapport: Cannot reach the openai model 'coach-model' at {closed}", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_MalformedModel_ExitsTwoSayingWhatIsAccepted()
    {
        var result = await _cli.RunWithInputAsync("", "chat", "--user", "ana", "--model", "gpt-4o");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Invalid --model 'gpt-4o': use openai:<model>[@<endpoint>]", result.Error, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task EvalRun_ChatTarget_AsksTheModelForEveryCaseAndScoresItsAnswers()
    {
        var result = await _cli.RunAsync("eval", "run", "--dataset", EvalSamples.Path("coaching-cases.jsonl"),
            "--target", $"chat:openai:coach-model@{_server.Endpoint}", "--scorer", "brevity", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        var summary = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal("chat:openai:coach-model", summary.GetProperty("targetDescription").GetString());
        Assert.Equal(0, summary.GetProperty("targetErrors").GetInt32());
        Assert.Equal(25, _server.Requests.Count(r => r.Status == 200 && r.Model == "coach-model"));
        Assert.Contains(_server.Requests, r => r.Text.Contains("heart is racing", StringComparison.Ordinal)); // a case's situation
        var saved = string.Concat(Directory.GetFiles(Path.Combine(_cli.Home, "evaluations")).Select(File.ReadAllText));
        Assert.Contains(Reply, saved, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, saved + result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvalRun_ChatTargetFromVariables_UnknownModel_OneLineAndExitOne()
    {
        _cli.Environment["RAPPORT_CHAT_PROVIDER"] = "openai";
        _cli.Environment["RAPPORT_CHAT_MODEL"] = "typo-model";
        _cli.Environment["RAPPORT_CHAT_ENDPOINT"] = _server.Endpoint;

        var result = await _cli.RunAsync("eval", "run", "--dataset", EvalSamples.Path("coaching-cases.jsonl"), "--target", "chat", "--scorer", "brevity");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("rapport: the target answered no case (25 of 25 failed); the first error: The server at", line, StringComparison.Ordinal);
        Assert.Contains("has no model 'typo-model'", line, StringComparison.Ordinal);
        Assert.All(_server.Requests, r => Assert.Equal("typo-model", r.Model));
    }

    [Fact]
    public async Task Chat_OllamaModel_WordsTheTurn_AndAnUnknownOllamaModel_IsOneLineThatSaysPullIt()
    {
        await using var ollama = new FakeOllamaServer(new HashSet<string> { "llama3.2" }, Reply);

        var live = await _cli.RunWithInputAsync("Work is piling up\n\n/end\n", "chat", "--user", "ana", "--model", $"ollama:llama3.2@{ollama.Endpoint}");
        var unknown = await _cli.RunWithInputAsync("Work is piling up\n/end\n", "chat", "--user", "ana", "--model", $"ollama:llama9@{ollama.Endpoint}");

        Assert.True(live.ExitCode == 0, live.Error);
        Assert.Contains($"coach> {Reply}", live.Output, StringComparison.Ordinal);
        Assert.Contains("Work is piling up", ollama.Requests.First().Messages, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        var line = Assert.Single(unknown.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("llama9", line, StringComparison.Ordinal);
        Assert.Contains("ollama pull llama9", line, StringComparison.Ordinal);
        Assert.Equal(["llama3.2", "llama9"], ollama.Requests.Select(r => r.Model).Distinct().Order());
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _cli.Dispose();
    }

    private static int ClosedPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
