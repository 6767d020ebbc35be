using System.Globalization;
using Microsoft.Extensions.AI;
using Rapport.Evaluation.Datasets;
using Rapport.Evaluation.Internal;

namespace Rapport.Evaluation.Targets;

/// <summary>Evaluates any <see cref="IChatClient"/> answering each case under a system prompt.</summary>
/// <remarks>
/// The configuration hash covers the system prompt, the client's provider and model, and the chat options' model,
/// temperature, top-p, maximum output tokens and tool names. Thread-safe when the client is.
/// </remarks>
public sealed class ChatClientTarget : IEvaluationTarget
{
    private readonly IChatClient _client;
    private readonly string _systemPrompt;
    private readonly ChatOptions? _options;

    /// <summary>Creates the target.</summary>
    public ChatClientTarget(IChatClient client, string systemPrompt, ChatOptions? options = null, string? description = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _systemPrompt = systemPrompt ?? throw new ArgumentNullException(nameof(systemPrompt));
        _options = options;
        var metadata = client.GetService<ChatClientMetadata>();
        var model = options?.ModelId ?? metadata?.DefaultModelId ?? "unknown-model";
        Description = description ?? $"chat:{metadata?.ProviderName ?? "client"}/{model}";
        ConfigurationHash = ContentHash.Of(
            "chat",
            systemPrompt,
            metadata?.ProviderName,
            model,
            options?.Temperature?.ToString(CultureInfo.InvariantCulture),
            options?.TopP?.ToString(CultureInfo.InvariantCulture),
            options?.MaxOutputTokens?.ToString(CultureInfo.InvariantCulture),
            options?.Tools is { } tools ? string.Join(",", tools.Select(t => t.Name)) : null);
    }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public string ConfigurationHash { get; }

    /// <inheritdoc/>
    public async ValueTask<ChatResponse> RespondAsync(EvaluationCase evaluationCase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evaluationCase);
        List<ChatMessage> messages = [new(ChatRole.System, _systemPrompt), .. evaluationCase.ToMessages()];
        return await _client.GetResponseAsync(messages, _options?.Clone(), cancellationToken).ConfigureAwait(false);
    }
}
