using System.Collections.Concurrent;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Rapport.Memory;
using Rapport.SelfImprovement;

namespace Rapport.Agents;

/// <summary>An Agent Framework context provider backed by Rapport: memory context before each run, scoring and recording after it.</summary>
/// <remarks>
/// <para>
/// Before a run, the loop prepares the turn for the user's last message (<see cref="RapportLoop.PrepareTurnAsync(TurnRequest, CancellationToken)"/>:
/// one embedding, one search) and its memory context becomes additional instructions. After the run, the same prepared
/// turn is completed with the agent's response (<see cref="RapportLoop.CompleteTurnAsync"/>: scored and recorded with the
/// prepared embedding); <see cref="LastInterventionId"/> holds its id so the outcome can be reported with
/// <see cref="RapportLoop.SetOutcomeAsync"/>. A failed run records nothing.
/// </para>
/// <para>One provider serves one user (and optionally one session); create one per user. Thread-safe.</para>
/// </remarks>
public sealed class RapportContextProvider : AIContextProvider
{
    private readonly RapportLoop _loop;
    private readonly string _defaultKind;
    private const int MaxPending = 64;
    private readonly ConcurrentDictionary<string, PreparedTurn> _pending = new(StringComparer.Ordinal);
    private string? _lastInterventionId;

    /// <summary>Creates the provider for <paramref name="userId"/>.</summary>
    /// <param name="loop">The loop that prepares and completes each turn.</param>
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

    /// <summary>Creates the provider for <paramref name="userId"/> over the <see cref="RapportLoop"/> registered by <c>AddRapport(...)</c>.</summary>
    /// <param name="services">The service provider Rapport is registered in.</param>
    /// <param name="userId">The user the agent talks to.</param>
    /// <param name="sessionId">The session, or <see langword="null"/>.</param>
    /// <param name="defaultKind">The kind recorded when the response names none.</param>
    /// <exception cref="InvalidOperationException">No <see cref="RapportLoop"/> is registered (call <c>services.AddRapport(...)</c>).</exception>
    public RapportContextProvider(IServiceProvider services, string userId, string? sessionId = null, string defaultKind = "conversation")
        : this((services ?? throw new ArgumentNullException(nameof(services))).GetRequiredService<RapportLoop>(), userId, sessionId, defaultKind)
    {
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
        if (TurnRequest.FromMessages(UserId, SessionId, context.AIContext.Messages ?? []) is not { } request)
        {
            return new AIContext();
        }

        var turn = await _loop.PrepareTurnAsync(request, cancellationToken).ConfigureAwait(false);
        if (_pending.Count >= MaxPending)
        {
            // Runs that never reported back (abandoned by the host) must not keep the user's turns alive for ever.
            _pending.Clear();
        }

        _pending[turn.Situation] = turn;
        return new AIContext { Instructions = turn.Context.Text.Length == 0 ? null : turn.Context.Text };
    }

    /// <inheritdoc />
    protected override async ValueTask StoreAIContextAsync(InvokedContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.RequestMessages.ToList();
        if (TurnRequest.FromMessages(UserId, SessionId, request) is not { } turnRequest)
        {
            return;
        }

        // The turn prepared before the run, so the run costs one embedding and one search; without one (a run this
        // provider did not see start) the turn is prepared now.
        var prepared = _pending.TryRemove(turnRequest.Situation, out var pending) ? pending : null;
        if (context.InvokeException is not null || context.ResponseMessages is null)
        {
            return;
        }

        prepared ??= await _loop.PrepareTurnAsync(turnRequest, cancellationToken).ConfigureAwait(false);
        var response = new ChatResponse([.. context.ResponseMessages]);
        var recorded = await _loop.CompleteTurnAsync(prepared, response, new TurnCompletion { DefaultKind = _defaultKind, Messages = request }, cancellationToken)
            .ConfigureAwait(false);
        Volatile.Write(ref _lastInterventionId, recorded.Intervention.Id);
    }
}
