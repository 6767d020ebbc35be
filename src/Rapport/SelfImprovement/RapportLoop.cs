using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Rapport.Context;
using Rapport.Embeddings;
using Rapport.Learning;
using Rapport.Memory;
using Rapport.Recording;
using Rapport.Reflection;

namespace Rapport.SelfImprovement;

/// <summary>The owner of the turn: memory before the agent answers, scoring and recording after, outcomes, and the end of a session.</summary>
/// <remarks>
/// <para>
/// One turn: <see cref="PrepareTurnAsync(TurnRequest, CancellationToken)"/> embeds the situation once and searches the
/// user's past interventions once; from those hits come the recommendation (kinds ranked by expected success) and the
/// token-budgeted context. The agent answers (an LLM, or the built-in coach); <see cref="CompleteTurnAsync"/> scores the
/// response with the loop's evaluators and records it with the prepared embedding. The outcome arrives later through
/// <see cref="SetOutcomeAsync"/>, which is all learning needs (estimates are computed from the stored outcomes at the next
/// turn). <see cref="EndSessionAsync"/> writes the session's reflection and updates the profile.
/// </para>
/// <para>The coach, the <c>UseRapportMemory()</c> middleware and the Agent Framework provider all go through these calls.
/// Thread-safe. It does not own the memory service or the chat client.</para>
/// </remarks>
public sealed class RapportLoop
{
    private readonly RapportLoopOptions _options;
    private readonly TimeProvider _time;
    private readonly IReadOnlyCollection<string> _kinds;

    /// <summary>Creates the loop over the memory service.</summary>
    /// <param name="memory">The memory service.</param>
    /// <param name="scorers">The evaluators every completed turn is scored with.</param>
    /// <param name="options">The loop's options, or <see langword="null"/> for the defaults; validated here.</param>
    /// <param name="chatClient">The chat client that words reflections, or <see langword="null"/> to reflect offline.</param>
    /// <param name="timeProvider">The clock.</param>
    public RapportLoop(
        RapportMemory memory, IEnumerable<IEvaluator>? scorers = null, RapportLoopOptions? options = null,
        IChatClient? chatClient = null, TimeProvider? timeProvider = null)
    {
        Memory = memory ?? throw new ArgumentNullException(nameof(memory));
        _options = options ?? new RapportLoopOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        _kinds = [.. _options.Kinds];
        Recorder = new InterventionRecorder(memory, scorers, _options.Recording);
        Recommender = new KindRecommender(memory, _options.Learning, _options.Population, _time);
        Context = new MemoryContextBuilder(memory, _options.Context, _options.Recording, _options.Tokenizer);
        Reflector = new SessionReflector(memory, chatClient, _options.Reflection);
    }

    /// <summary>Gets the memory service: the only door to the store.</summary>
    public RapportMemory Memory { get; }

    internal InterventionRecorder Recorder { get; }

    internal KindRecommender Recommender { get; }

    internal MemoryContextBuilder Context { get; }

    internal SessionReflector Reflector { get; }

    /// <summary>Prepares a turn: one embedding and one search, and from them the recommendation and the context.</summary>
    /// <exception cref="ArgumentException">The user id, session id, situation or a kind is invalid.</exception>
    /// <exception cref="EmbeddingModelMismatchException">The user has memories written by another embedder.</exception>
    public Task<PreparedTurn> PrepareTurnAsync(string userId, string? sessionId, string situation, CancellationToken cancellationToken = default) =>
        PrepareTurnAsync(new TurnRequest { UserId = userId, SessionId = sessionId, Situation = situation }, cancellationToken);

    /// <summary>Prepares a turn: one embedding and one search, and from them the recommendation and the context.</summary>
    /// <exception cref="ArgumentException">The user id, session id, situation or a kind is invalid.</exception>
    /// <exception cref="EmbeddingModelMismatchException">The user has memories written by another embedder.</exception>
    public async Task<PreparedTurn> PrepareTurnAsync(TurnRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        MemoryIds.ValidateUserId(request.UserId);
        if (request.SessionId is not null)
        {
            MemoryIds.ValidateSessionId(request.SessionId);
        }

        MemoryLimits.ValidateText(request.Situation, "situation", nameof(request.Situation));
        var kinds = request.Kinds ?? _kinds;
        foreach (var kind in kinds)
        {
            MemoryLimits.ValidateName(kind, "kind", nameof(request.Kinds));
        }

        var embedding = await Memory.EmbedAsync(request.UserId, request.Situation, cancellationToken).ConfigureAwait(false);
        var hits = await Memory.RecallAsync(Recommender.HistoryRequest(request.UserId, request.Situation) with { Embedding = embedding, AskedAt = request.At }, cancellationToken)
            .ConfigureAwait(false);
        var recommendation = await Recommender.RecommendAsync(request.UserId, request.Situation, kinds, hits, embedding, cancellationToken).ConfigureAwait(false);
        var context = await Context.BuildAsync(request.UserId, hits, cancellationToken).ConfigureAwait(false);
        return new PreparedTurn
        {
            Id = MemoryIds.NewRecordId(_time),
            UserId = request.UserId,
            SessionId = request.SessionId,
            Situation = request.Situation,
            At = request.At,
            Hits = hits,
            Recommendation = recommendation,
            Context = context,
            Embedding = embedding,
        };
    }

    /// <summary>Completes a turn: scores the agent's response with the loop's evaluators and records it with the prepared embedding.</summary>
    /// <param name="turn">The turn from <see cref="PrepareTurnAsync(TurnRequest, CancellationToken)"/>.</param>
    /// <param name="response">The agent's response, with any tool calls.</param>
    /// <param name="completion">The kind, words and conversation when the response alone does not say them, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The stored intervention with its scores and the full evaluation; report its outcome by <c>Intervention.Id</c>.</returns>
    /// <exception cref="ArgumentException">The completion's kind or text is invalid; nothing is stored.</exception>
    public async Task<RecordedIntervention> CompleteTurnAsync(
        PreparedTurn turn, ChatResponse response, TurnCompletion? completion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(response);
        completion ??= new TurnCompletion();
        var draft = TurnResponses.Draft(turn, response, completion, _options.DefaultKind);
        var situation = turn.Embedding;
        if (Memory.DistinguishesPurposes)
        {
            // The turn's vector was embedded as a query; an embedder that embeds memories differently (a prefixed model, MiniLM's
            // int8 queries) gives the memory another one: made once here, for the record and for the scorers.
            situation = await Memory.EmbedDocumentAsync(draft.Situation, cancellationToken).ConfigureAwait(false);
            draft = draft with { Embedding = situation };
        }

        var messages = completion.Messages ?? [new ChatMessage(ChatRole.User, turn.Situation)];

        // The scorers may embed the situation again (the supportiveness scorer reads the response with it): hand them the
        // memory's vector of it, so a turn runs the model once per text and purpose.
        IReadOnlyList<EvaluationContext>? known = !situation.IsEmpty
            ? [new KnownEmbeddings(Memory.EmbeddingModel, [new(turn.Situation, situation)])]
            : null;
        return await Recorder.RecordAsync(draft, messages, response, known, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records whether an intervention helped; the next recommendation for the user takes it into account.</summary>
    /// <returns>The updated intervention, or <see langword="null"/> when no live intervention has that id.</returns>
    public Task<Intervention?> SetOutcomeAsync(string id, InterventionOutcome outcome, int? rating = null, CancellationToken cancellationToken = default) =>
        Memory.SetOutcomeAsync(id, outcome, rating, cancellationToken);

    /// <summary>Ends a session: stores its reflection (what was tried, what helped, insights across sessions) and updates the profile.</summary>
    /// <exception cref="ArgumentException">The user or session id is invalid.</exception>
    public Task<EndedSession> EndSessionAsync(string userId, string sessionId, CancellationToken cancellationToken = default) =>
        Reflector.ReflectAsync(userId, sessionId, cancellationToken);
}
