using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Rapport.Memory;
using Rapport.SelfImprovement;
using Rapport.Telemetry;

namespace Rapport.ChatClients;

/// <summary>Chat-client middleware that gives an agent Rapport's memory: context before each turn, scoring and recording after it.</summary>
/// <remarks>
/// <para>
/// Before the inner client is called, the memory context for the user's last message is added as a system message.
/// After it answers, the response is scored and recorded as an intervention, and its id is put in the response's
/// <see cref="RapportChatProperties.InterventionId"/> so that the outcome can be reported later
/// (<see cref="RapportLoop.SetOutcomeAsync"/>). Turns with no user (neither option nor configured) or no user text pass
/// through untouched. Each turn is a <c>rapport.chat</c> span with the context and recording spans inside it.
/// </para>
/// <para>Thread-safe when the inner client is. Build it with <c>builder.UseRapportMemory(loop)</c>.</para>
/// </remarks>
public sealed class RapportMemoryChatClient : DelegatingChatClient
{
    private readonly RapportLoop _loop;
    private readonly RapportMemoryChatClientOptions _options;

    /// <summary>Wraps <paramref name="innerClient"/> with the memory of <paramref name="loop"/>.</summary>
    public RapportMemoryChatClient(IChatClient innerClient, RapportLoop loop, RapportMemoryChatClientOptions? options = null)
        : base(innerClient)
    {
        _loop = loop ?? throw new ArgumentNullException(nameof(loop));
        _options = options ?? new RapportMemoryChatClientOptions();
        if (_options.UserId is not null)
        {
            MemoryIds.ValidateUserId(_options.UserId);
        }

        MemoryLimits.ValidateName(_options.DefaultKind, "default kind", nameof(options));
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var (user, session, situation) = Resolve(request, options);
        if (user is null || situation is null)
        {
            return await base.GetResponseAsync(request, options, cancellationToken).ConfigureAwait(false);
        }

        using var activity = RapportTelemetry.Source.StartActivity(RapportTelemetryNames.ChatSpan);
        var context = await _loop.Context.BuildAsync(user, situation, cancellationToken).ConfigureAwait(false);
        var response = await base.GetResponseAsync(WithContext(request, context.Text), options, cancellationToken).ConfigureAwait(false);
        var recorded = await TurnRecording.RecordAsync(_loop, user, session, situation, request, response, _options.DefaultKind, cancellationToken)
            .ConfigureAwait(false);
        response.AdditionalProperties ??= [];
        response.AdditionalProperties[RapportChatProperties.InterventionId] = recorded.Intervention.Id;
        if (recorded.Intervention.Quality is { } quality)
        {
            response.AdditionalProperties[RapportChatProperties.Quality] = quality;
        }

        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var (user, session, situation) = Resolve(request, options);
        var context = user is null || situation is null ? null : await _loop.Context.BuildAsync(user, situation, cancellationToken).ConfigureAwait(false);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in base.GetStreamingResponseAsync(WithContext(request, context?.Text), options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
            yield return update;
        }

        if (context is not null)
        {
            await TurnRecording.RecordAsync(_loop, user!, session, situation!, request, updates.ToChatResponse(), _options.DefaultKind, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private (string? User, string? Session, string? Situation) Resolve(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var user = options?.AdditionalProperties?.TryGetValue(RapportChatProperties.UserId, out var u) == true ? u?.ToString() : _options.UserId;
        var session = options?.AdditionalProperties?.TryGetValue(RapportChatProperties.SessionId, out var s) == true ? s?.ToString() : _options.SessionId;
        return (user is null ? null : MemoryIds.ValidateUserId(user), session, TurnRecording.Situation(messages));
    }

    private static IReadOnlyList<ChatMessage> WithContext(IReadOnlyList<ChatMessage> messages, string? context) =>
        string.IsNullOrEmpty(context) ? messages : [new ChatMessage(ChatRole.System, context), .. messages];
}
