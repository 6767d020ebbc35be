using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OpenAI;
using Rapport.Evaluation.Judges;

namespace Rapport.Cli.Hosting;

/// <summary>The chat model the CLI talks to (LLM-judge scorers, <c>chat --model</c>, <c>eval run --target chat:...</c>): provider,
/// model, endpoint and API key.</summary>
/// <param name="Provider"><see cref="OpenAi"/> (any OpenAI-compatible endpoint) or <see cref="Ollama"/>.</param>
/// <param name="Model">The model id, for example <c>gpt-4o-mini</c> or <c>llama3.2:3b</c>.</param>
/// <param name="Endpoint">The service's base address.</param>
/// <param name="ApiKey">The API key, or <see langword="null"/>; read only from an environment variable, never from a flag.</param>
/// <param name="ApiKeySource">The variable the key came from, for output (the key itself is never shown).</param>
/// <param name="Source">Where the provider and model came from: the flag (<c>--judge</c>, <c>--model</c>, <c>--target</c>) or the variables.</param>
internal sealed record ChatModelSettings(string Provider, string Model, Uri Endpoint, string? ApiKey, string? ApiKeySource, string Source)
{
    public const string OpenAi = "openai";
    public const string Ollama = "ollama";
    public const string ProviderVariable = "RAPPORT_CHAT_PROVIDER";
    public const string ModelVariable = "RAPPORT_CHAT_MODEL";
    public const string EndpointVariable = "RAPPORT_CHAT_ENDPOINT";
    public const string ApiKeyVariable = "RAPPORT_CHAT_API_KEY";
    public const string OpenAiKeyVariable = "OPENAI_API_KEY";

    /// <summary>What <c>--judge</c> and <c>--model</c> accept, for help and errors.</summary>
    public const string Accepted = "openai:<model>[@<endpoint>] (any OpenAI-compatible endpoint) or ollama:<model>[@<endpoint>]";

    /// <summary>How to configure a chat model, for errors and doctor.</summary>
    public const string HowToConfigure =
        $"pass --judge {Accepted}, or set {ProviderVariable} (openai or ollama) and {ModelVariable} " +
        $"(optionally {EndpointVariable}); put an API key in {ApiKeyVariable} (or {OpenAiKeyVariable}), never on the command line";

    private static readonly Uri OpenAiDefault = new("https://api.openai.com/v1");
    private static readonly Uri OllamaDefault = new("http://localhost:11434");

    /// <summary>Resolves the settings from <paramref name="judgeFlag"/> (<c>provider:model[@endpoint]</c>), then the
    /// <c>RAPPORT_CHAT_*</c> variables.</summary>
    /// <param name="judgeFlag">The flag's value, or <see langword="null"/> when it was not given.</param>
    /// <param name="environment">Reads an environment variable.</param>
    /// <param name="flagName">The flag's name, for errors (<c>--judge</c>, <c>--model</c>, <c>--target chat:</c>).</param>
    /// <returns>The settings, or <see langword="null"/> when no chat model is configured.</returns>
    /// <exception cref="ArgumentException">A value is malformed, the model is missing, or the hosted OpenAI service has no API key.</exception>
    public static ChatModelSettings? Resolve(string? judgeFlag, Func<string, string?> environment, string flagName = "--judge")
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? Variable(string name) => environment(name) is { Length: > 0 } value ? value.Trim() : null;
        string? provider, model, endpoint, source;
        if (!string.IsNullOrWhiteSpace(judgeFlag))
        {
            var colon = judgeFlag.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == judgeFlag.Length - 1)
            {
                throw new ArgumentException($"Invalid {flagName} '{judgeFlag}': use {Accepted}.");
            }

            provider = judgeFlag[..colon];
            model = judgeFlag[(colon + 1)..];
            var at = model.IndexOf('@', StringComparison.Ordinal);
            endpoint = at >= 0 ? model[(at + 1)..] : Variable(EndpointVariable);
            model = at >= 0 ? model[..at] : model;
            source = flagName;
        }
        else
        {
            provider = Variable(ProviderVariable);
            model = Variable(ModelVariable);
            endpoint = Variable(EndpointVariable);
            source = ProviderVariable;
            if (provider is null)
            {
                return model is null ? null
                    : throw new ArgumentException($"{ModelVariable} is set but {ProviderVariable} is not: set it to openai or ollama.");
            }
        }

        provider = provider.Trim().ToLowerInvariant();
        if (provider is not (OpenAi or Ollama))
        {
            throw new ArgumentException($"Invalid chat provider '{provider}' (from {source}): use openai (any OpenAI-compatible endpoint) or ollama.");
        }

        if (string.IsNullOrWhiteSpace(model))
        {
            throw new ArgumentException($"No chat model named (from {source}): {HowToConfigure}.");
        }

        var address = provider == OpenAi ? OpenAiDefault : OllamaDefault;
        if (endpoint is not null
            && (!Uri.TryCreate(endpoint, UriKind.Absolute, out address) || address.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(address.UserInfo)))
        {
            throw new ArgumentException($"Invalid chat endpoint '{endpoint}': use an http:// or https:// address without credentials, for example http://localhost:11434.");
        }

        var (key, keySource) = Variable(ApiKeyVariable) is { } k ? (k, ApiKeyVariable)
            : provider == OpenAi && Variable(OpenAiKeyVariable) is { } o ? (o, OpenAiKeyVariable)
            : ((string?)null, (string?)null);
        if (provider == OpenAi && key is null && address.Host.EndsWith("openai.com", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"The OpenAI service needs an API key: put it in {ApiKeyVariable} (or {OpenAiKeyVariable}), never on the command line.");
        }

        return new ChatModelSettings(provider, model.Trim(), address!, key, keySource, source);
    }

    /// <summary>Describes the settings without the key: provider, model, endpoint and where the key came from.</summary>
    public string Describe() =>
        $"{Provider} {Model} at {Endpoint} ({Source}; API key {(ApiKeySource is null ? "none" : "from " + ApiKeySource)})";

    /// <summary>Creates the chat client; the caller disposes it.</summary>
    /// <remarks>The OpenAI client's own retries are off: <see cref="ResilientChatClient"/> is the one retry layer, so the attempt
    /// bound of <see cref="RetryOptions.MaxAttempts"/> holds.</remarks>
    public IChatClient CreateClient() => Provider switch
    {
        OpenAi => new OpenAI.Chat.ChatClient(Model, new ApiKeyCredential(ApiKey ?? "unused"), new OpenAIClientOptions
        {
            Endpoint = Endpoint,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        }).AsIChatClient(),
        _ => new OllamaApiClient(Endpoint, Model),
    };

    /// <summary>Creates the chat client for a conversation or an evaluation target: failures become one-line
    /// <see cref="ChatModelException"/>s (see <see cref="ChatModelClient"/>). The caller disposes it.</summary>
    public IChatClient CreateConversationClient() => new ChatModelClient(CreateClient(), this);

    /// <summary>The judges' retry rule: <see cref="RetryOptions.IsTransient"/>, plus the OpenAI client's rate-limit, timeout,
    /// server and connection failures (it reports HTTP status codes in <see cref="ClientResultException"/>).</summary>
    public static bool IsTransient(Exception exception) => RetryOptions.IsTransient(exception) || exception switch
    {
        ClientResultException { Status: 408 or 429 or 500 or 502 or 503 or 504 } => true,
        ClientResultException { Status: 0, InnerException: HttpRequestException or IOException or TimeoutException } => true,
        _ => false,
    };

    /// <summary>The judges' <c>Retry-After</c> reader: the headers of the OpenAI client's failed response
    /// (<c>retry-after-ms</c>, else <c>Retry-After</c> in seconds or as an HTTP date, relative to <paramref name="time"/>).</summary>
    public static Func<Exception, TimeSpan?> RetryAfterReader(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return exception =>
        {
            if (exception is not ClientResultException { } failure || failure.GetRawResponse()?.Headers is not { } headers)
            {
                return null;
            }

            if (headers.TryGetValue("retry-after-ms", out var ms) && RetryAfter.Parse(ms, time.GetUtcNow()) is { } millis)
            {
                return millis / 1000;
            }

            return headers.TryGetValue("Retry-After", out var value) ? RetryAfter.Parse(value, time.GetUtcNow()) : null;
        };
    }
}
