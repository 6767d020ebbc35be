using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Rapport.ChatClients;
using Rapport.Memory;
using Rapport.SelfImprovement;

namespace Rapport.Agents;

/// <summary>An Agent Framework context provider backed by Rapport: memory context before each run, scoring and recording after it.</summary>
/// <remarks>
/// <para>
/// Before a run, the memory context for the user's last message becomes additional instructions. After the run, the
/// agent's response is scored and recorded as an intervention; <see cref="LastInterventionId"/> holds its id so the
/// outcome can be reported with <see cref="RapportLoop.SetOutcomeAsync"/>. A failed run records nothing.
/// </para>
/// <para>One provider serves one user (and optionally one session); create one per user. Thread-safe.</para>
/// </remarks>
public sealed class RapportContextProvider : AIContextProvider
{
    private readonly RapportLoop _loop;
    private readonly string _defaultKind;
    private string? _lastInterventionId;

    /// <summary>Creates the provider for <paramref name="userId"/>.</summary>
    /// <param name="loop">The loop whose memory, scorers and recorder are used.</param>
    /// <param name="userId">The user the agent talks to.</param>
    /// <param name="sessionId">The session, or <see langword="null"/>.</param>
    /// <param name="defaultKind">The kind recorded when the response names none.</param>
    public RapportContextProvider(RapportLoop loop, string userId, string? sessionId = null, string defaultKind = "conversation")
    {
        _loop = loop ?? throw new ArgumentNullException(nameof(loop));
        UserId = MemoryIds.ValidateUserId(userId);
        SessionId = sessionId is null ? null : MemoryIds.ValidateSessionId(sessionId);
        _defaultKind = MemoryLimits.ValidateName(defaultKind, "default kind", nameof(defaultKind));
    }

    /// <summary>Gets the user.</summary>
    public string UserId { get; }

    /// <summary>Gets the session, or <see langword="null"/>.</summary>
    public string? SessionId { get; }

    /// <summary>Gets the id of the intervention recorded after the latest run, or <see langword="null"/>.</summary>
    public string? LastInterventionId => Volatile.Read(ref _lastInterventionId);

    /// <inheritdoc />
    protected override async ValueTask<AIContext> ProvideAIContextAsync(InvokingContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var situation = TurnRecording.Situation(context.AIContext.Messages ?? []);
        if (situation is null)
        {
            return new AIContext();
        }

        var memory = await _loop.Context.BuildAsync(UserId, situation, cancellationToken).ConfigureAwait(false);
        return new AIContext { Instructions = memory.Text.Length == 0 ? null : memory.Text };
    }

    /// <inheritdoc />
    protected override async ValueTask StoreAIContextAsync(InvokedContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.InvokeException is not null || context.ResponseMessages is null)
        {
            return;
        }

        var request = context.RequestMessages.ToList();
        var situation = TurnRecording.Situation(request);
        if (situation is null)
        {
            return;
        }

        var response = new ChatResponse([.. context.ResponseMessages]);
        var recorded = await TurnRecording.RecordAsync(_loop, UserId, SessionId, situation, request, response, _defaultKind, cancellationToken)
            .ConfigureAwait(false);
        Volatile.Write(ref _lastInterventionId, recorded.Intervention.Id);
    }
}
