using System.ClientModel;
using Microsoft.Extensions.AI;
using Rapport.Cli.Hosting;

namespace Rapport.Cli.Tests.Hosting;

public sealed class ChatModelSettingsTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Resolve_NothingSet_IsNotConfigured() => Assert.Null(ChatModelSettings.Resolve(null, Env()));

    [Fact]
    public void Resolve_Variables_UseTheDefaultEndpointOfTheProvider()
    {
        var ollama = ChatModelSettings.Resolve(null, Env(("RAPPORT_CHAT_PROVIDER", "Ollama"), ("RAPPORT_CHAT_MODEL", "llama3.2:3b")))!;
        var openai = ChatModelSettings.Resolve(null, Env(("RAPPORT_CHAT_PROVIDER", "openai"), ("RAPPORT_CHAT_MODEL", "gpt-4o-mini"), ("OPENAI_API_KEY", "sk-x")))!;

        Assert.Equal(("ollama", "llama3.2:3b", "http://localhost:11434/", null), (ollama.Provider, ollama.Model, ollama.Endpoint.ToString(), ollama.ApiKey));
        Assert.Equal(("openai", "https://api.openai.com/v1", "sk-x", "OPENAI_API_KEY"), (openai.Provider, openai.Endpoint.ToString(), openai.ApiKey, openai.ApiKeySource));
    }

    [Fact]
    public void Resolve_JudgeFlag_WinsOverVariablesAndMayCarryAnEndpoint()
    {
        var settings = ChatModelSettings.Resolve("ollama:qwen2.5:7b@http://gpu-box:11434",
            Env(("RAPPORT_CHAT_PROVIDER", "openai"), ("RAPPORT_CHAT_MODEL", "gpt-4o"), ("RAPPORT_CHAT_API_KEY", "k")))!;

        Assert.Equal(("ollama", "qwen2.5:7b", "http://gpu-box:11434/", "--judge"), (settings.Provider, settings.Model, settings.Endpoint.ToString(), settings.Source));
        Assert.DoesNotContain("k)", settings.Describe(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gpt-4o", null, "--judge")]
    [InlineData("anthropic:claude", null, "use openai")]
    [InlineData("openai:", null, "--judge")]
    [InlineData("openai:m@ftp://host", null, "http:// or https://")]
    [InlineData("openai:m@https://user:secret@host/v1", null, "without credentials")]
    [InlineData("openai:gpt-4o-mini", null, "needs an API key")]
    public void Resolve_BadInput_SaysWhatIsAccepted(string flag, string? unused, string expected)
    {
        _ = unused;
        var error = Assert.Throws<ArgumentException>(() => ChatModelSettings.Resolve(flag, Env()));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ModelWithoutProvider_SaysWhichIsMissing()
    {
        var error = Assert.Throws<ArgumentException>(() => ChatModelSettings.Resolve(null, Env(("RAPPORT_CHAT_MODEL", "gpt-4o"))));
        Assert.Contains("RAPPORT_CHAT_PROVIDER", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateClient_Ollama_IsAnOllamaChatClientForTheModel()
    {
        using var client = ChatModelSettings.Resolve("ollama:llama3.2", Env())!.CreateClient();

        var metadata = client.GetService<ChatClientMetadata>();
        Assert.Equal(("ollama", "llama3.2"), (metadata?.ProviderName, metadata?.DefaultModelId));
    }

    [Fact]
    public async Task CreateClient_OpenAi_DoesNotRetryByItselfAndItsRateLimitCountsAsTransient()
    {
        await using var server = new FakeOpenAiServer { RateLimit = _ => true, RetryAfter = "2" };
        using var client = ChatModelSettings.Resolve($"openai:fake@{server.Endpoint}", Env())!.CreateClient();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => client.GetResponseAsync("hello", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Single(server.Requests);
        Assert.Equal(429, Assert.IsType<ClientResultException>(error).Status);
        Assert.True(ChatModelSettings.IsTransient(error));
        Assert.False(ChatModelSettings.IsTransient(new ClientResultException("bad request", response: null)));
        Assert.Equal(TimeSpan.FromSeconds(2), ChatModelSettings.RetryAfterReader(TimeProvider.System)(error));
        Assert.Null(ChatModelSettings.RetryAfterReader(TimeProvider.System)(new TimeoutException()));
    }
}
