using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Rapport.Memory;
using Rapport.Recording;
using Rapport.SelfImprovement;
using Rapport.Telemetry;

namespace Rapport.ChatClients;

/// <summary>Chat-client middleware that gives an agent Rapport's memory: context before each turn, scoring and recording after it.</summary>
/// <remarks>
/// <para>
/// Each turn goes through the loop: <see cref="RapportLoop.PrepareTurnAsync(TurnRequest, CancellationToken)"/> for the
/// user's last message (one embedding, one search), whose memory context is added as a system message before the inner
/// client is called; then <see cref="RapportLoop.CompleteTurnAsync"/> scores and records the response, and its id is put
/// in the response's <see cref="RapportChatProperties.InterventionId"/> (with the quality and the recommended kind) so that
/// the outcome can be reported later (<see cref="RapportLoop.SetOutcomeAsync"/>); streaming does the same at the end of
/// the stream. Turns with no user (neither option nor configured) or no user text pass through untouched. Each turn is a
/// <c>rapport.chat</c> span with the memory, context and recording spans inside it.
/// </para>
/// <para>Thread-safe when the inner client is. Build it with <c>builder.UseRapportMemory()</c>.</para>
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
        if (Resolve(request, options) is not { } turnRequest)
        {
            return await base.GetResponseAsync(request, options, cancellationToken).ConfigureAwait(false);
        }

        using var activity = RapportTelemetry.Source.StartActivity(RapportTelemetryNames.ChatSpan);
        var turn = await _loop.PrepareTurnAsync(turnRequest, cancellationToken).ConfigureAwait(false);
        var response = await base.GetResponseAsync(WithContext(request, turn.Context.Text), options, cancellationToken).ConfigureAwait(false);
        var recorded = await CompleteAsync(turn, request, response, cancellationToken).ConfigureAwait(false);
        response.AdditionalProperties ??= [];
        Surface(response.AdditionalProperties, turn, recorded);
        return response;
    }

    /// <inheritdoc />
    /// <remarks>The updates pass through as they arrive; once the stream ends the whole response is scored and recorded, and one
    /// last update without content carries <see cref="RapportChatProperties.InterventionId"/> (and the quality) in its
    /// additional properties, so <c>ToChatResponse()</c> of the updates has them as a non-streaming call would.</remarks>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        if (Resolve(request, options) is not { } turnRequest)
        {
            await foreach (var update in base.GetStreamingResponseAsync(request, options, cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }

            yield break;
        }

        using var activity = RapportTelemetry.Source.StartActivity(RapportTelemetryNames.ChatSpan);
        var turn = await _loop.PrepareTurnAsync(turnRequest, cancellationToken).ConfigureAwait(false);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in base.GetStreamingResponseAsync(WithContext(request, turn.Context.Text), options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
            yield return update;
        }

        var response = updates.ToChatResponse();
        if (activity is not null)
        {
            // Each resumption of an iterator runs in its consumer's context: put the turn's span back so the recording nests in it.
            Activity.Current = activity;
        }

        var recorded = await CompleteAsync(turn, request, response, cancellationToken).ConfigureAwait(false);
        var last = new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            ResponseId = response.ResponseId,
            MessageId = updates.LastOrDefault(u => u.MessageId is not null)?.MessageId,
            AdditionalProperties = [],
        };
        Surface(last.AdditionalProperties, turn, recorded);
        yield return last;
    }

    private Task<RecordedIntervention> CompleteAsync(PreparedTurn turn, IReadOnlyList<ChatMessage> request, ChatResponse response, CancellationToken cancellationToken) =>
        _loop.CompleteTurnAsync(turn, response, new TurnCompletion { DefaultKind = _options.DefaultKind, Messages = request }, cancellationToken);

    private static void Surface(AdditionalPropertiesDictionary properties, PreparedTurn turn, RecordedIntervention recorded)
    {
        properties[RapportChatProperties.InterventionId] = recorded.Intervention.Id;
        if (recorded.Intervention.Quality is { } quality)
        {
            properties[RapportChatProperties.Quality] = quality;
        }

        properties[RapportChatProperties.RecommendedKind] = turn.Recommendation.Best.Kind;
    }

    private TurnRequest? Resolve(IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        var user = options?.AdditionalProperties?.TryGetValue(RapportChatProperties.UserId, out var u) == true ? u?.ToString() : _options.UserId;
        var session = options?.AdditionalProperties?.TryGetValue(RapportChatProperties.SessionId, out var s) == true ? s?.ToString() : _options.SessionId;
        return user is null ? null : TurnRequest.FromMessages(user, session, messages);
    }

    private static IReadOnlyList<ChatMessage> WithContext(IReadOnlyList<ChatMessage> messages, string? context) =>
        string.IsNullOrEmpty(context) ? messages : [new ChatMessage(ChatRole.System, context), .. messages];
}
