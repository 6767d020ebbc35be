using Microsoft.Extensions.AI;
using Rapport.Learning;
using Rapport.Memory;
using Rapport.SelfImprovement;

namespace Rapport.Coaching;

/// <summary>The built-in coach: picks a kind with the recommender, words it from the memory context, records the turn.</summary>
/// <remarks>
/// <para>
/// Offline it words the turn from its own templates ("Last time, when you said ..., box breathing helped; want to try it
/// again?") and starts exercises through a <c>start_exercise</c> tool call. With a chat client it asks the model instead,
/// giving it the memory context and the recommended kind; the model may call <c>start_exercise</c> with another kind.
/// </para>
/// <para>Every turn is scored and recorded; report whether it helped with <see cref="RapportLoop.SetOutcomeAsync"/>.
/// Thread-safe.</para>
/// </remarks>
public sealed class RapportCoach
{
    private readonly RapportLoop _loop;
    private readonly IChatClient? _chatClient;
    private readonly IReadOnlyList<InterventionKindInfo> _kinds;
    private readonly IReadOnlyList<string> _kindNames;

    /// <summary>The service key of the <see cref="IChatClient"/> the coach registered by <c>AddRapport</c> words its turns with;
    /// without one it words them offline.</summary>
    public const string ChatClientKey = "Rapport.Coach";

    /// <summary>Creates the coach over the loop; <paramref name="chatClient"/> is optional, <paramref name="kinds"/> defaults to the catalog.</summary>
    public RapportCoach(RapportLoop loop, IChatClient? chatClient = null, IReadOnlyList<InterventionKindInfo>? kinds = null)
    {
        _loop = loop ?? throw new ArgumentNullException(nameof(loop));
        _chatClient = chatClient;
        _kinds = kinds ?? InterventionCatalog.Default;
        _kindNames = [.. _kinds.Select(k => k.Name)];
    }

    /// <summary>Gets the kinds the coach offers.</summary>
    public IReadOnlyList<InterventionKindInfo> Kinds => _kinds;

    /// <summary>Answers one turn and records it.</summary>
    /// <exception cref="ArgumentException">The user id, session id or situation is invalid.</exception>
    public async Task<CoachTurn> RespondAsync(CoachRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var turn = await _loop.PrepareTurnAsync(
            new TurnRequest { UserId = request.UserId, SessionId = request.SessionId, Situation = request.Situation, Kinds = _kindNames, At = request.At },
            cancellationToken).ConfigureAwait(false);
        var context = turn.Context;
        var latest = await _loop.Memory.ListAsync(request.UserId, 1, cancellationToken).ConfigureAwait(false);
        var previous = latest.Count > 0 && latest[0].SessionId == request.SessionId ? latest[0] : null;
        var sameTrouble = previous is not null && _loop.Recommender.IsSameTrouble(turn.Embedding, previous.Embedding);
        var kind = Find(Choose(turn.Recommendation, sameTrouble ? previous : null));
        var messages = new List<ChatMessage> { new(ChatRole.User, request.Situation) };
        ChatResponse response;
        if (_chatClient is null)
        {
            response = new ChatResponse(new ChatMessage(ChatRole.Assistant, OfflineWording.Word(kind, request.Situation, context, previous?.Text)));
            if (kind.IsExercise)
            {
                response.Messages[0].Contents.Add(ExerciseCall(kind));
            }
        }
        else
        {
            response = await CoachPrompt.AskAsync(_chatClient, messages, kind, context, _kinds, cancellationToken).ConfigureAwait(false);
            kind = CoachPrompt.ChosenKind(response) is { } chosen ? Find(chosen) : kind;
        }

        var exercise = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().FirstOrDefault();
        var text = string.IsNullOrWhiteSpace(response.Text) ? kind.Phrase : response.Text;
        var recorded = await _loop.CompleteTurnAsync(turn, response, new TurnCompletion { Kind = kind.Name, Text = text, Messages = messages }, cancellationToken)
            .ConfigureAwait(false);
        return new CoachTurn(kind.Name, text, exercise, recorded, turn.Recommendation, context);
    }

    /// <summary>The recommended kind, except right after it did not help in this session for the same trouble (the caller passes
    /// <paramref name="previous"/> only then): the next kind that is still plausible (ranked at least half as high), and the same
    /// kind again only when no other is.</summary>
    /// <remarks>Only for the same trouble: after a failure with another trouble the recommendation already holds that outcome at
    /// the weight its situation's likeness deserves, and switching away from the best kind for a new trouble cost the demo's
    /// coach a sixth of the gap it closed (issue 19; <c>docs/learning.md</c>).</remarks>
    internal static string Choose(Recommendation recommendation, Intervention? previous)
    {
        var best = recommendation.Best;
        if (previous is not { Outcome: InterventionOutcome.NotHelped } || previous.Kind != best.Kind)
        {
            return best.Kind;
        }

        var other = recommendation.Ranked.FirstOrDefault(e => e.Kind != previous.Kind && e.Score >= best.Score / 2);
        return other?.Kind ?? best.Kind;
    }

    private InterventionKindInfo Find(string name) =>
        _kinds.FirstOrDefault(k => k.Name == name) ?? new InterventionKindInfo(name, name, [$"Let's try {name}."], []);

    internal static FunctionCallContent ExerciseCall(InterventionKindInfo kind) =>
        new("exercise-" + kind.Name, InterventionCatalog.ExerciseTool, new Dictionary<string, object?> { ["kind"] = kind.Name, ["minutes"] = 2 });
}
