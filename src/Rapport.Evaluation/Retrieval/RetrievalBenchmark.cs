using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using Rapport.Embeddings;
using Rapport.Memory;
using Rapport.Search;
using Rapport.Storage;

namespace Rapport.Evaluation.Retrieval;

/// <summary>Measures how well search finds the turns that answer a question, on LoCoMo-format conversations.</summary>
/// <remarks>
/// Each conversation becomes one user (<c>bench-{id}</c>): every turn is recorded as a memory whose situation is
/// <c>Speaker: text</c> (plus <c>[shared an image: caption]</c> when the turn shares one), kind <c>turn</c>, session
/// <c>session-N</c>, with the turn id, session number and session date in metadata. A memory happened when its session
/// did: when every session date of a conversation is readable, each turn is created at its session's date (one millisecond
/// apart, in order) and the conversation's questions are asked a day after its last session
/// (<see cref="Memory.MemoryFilter.AskedAt"/>), so that time expressions in questions ("in May") find their sessions; otherwise
/// turns are created one millisecond apart, ending now. Either way session neighbours are neighbouring turns. Then each question
/// is embedded and searched, and evidence recall@k is computed (see <see cref="RetrievalBenchmarkReport"/>). A lexical run
/// loads no embedder at all. The store should be a fresh one: the run writes into it and does not clean up. Not thread-safe;
/// one run at a time.
/// </remarks>
public sealed class RetrievalBenchmark
{
    private const int BatchSize = 64;
    private readonly IMemoryStore _store;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embedder;
    private readonly TimeProvider _time;

    /// <summary>Creates a run over a (fresh) store and an embedder; neither is owned.</summary>
    /// <param name="store">The store the conversations are written to.</param>
    /// <param name="embedder">The embedder; <see langword="null"/> is accepted for lexical runs only, which then load none.</param>
    /// <param name="timeProvider">The clock; the system clock by default.</param>
    public RetrievalBenchmark(IMemoryStore store, IEmbeddingGenerator<string, Embedding<float>>? embedder, TimeProvider? timeProvider = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _embedder = embedder;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Stores every conversation, asks every question and reports recall and latency.</summary>
    public async Task<RetrievalBenchmarkReport> RunAsync(
        LocomoDataset dataset,
        RetrievalBenchmarkOptions? options = null,
        IProgress<RetrievalBenchmarkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        options ??= new RetrievalBenchmarkOptions();
        options.Validate();
        var embedder = options.Mode == SearchMode.Lexical ? new WordsOnlyEmbedder() : _embedder
            ?? throw new ArgumentException("A dense or hybrid run needs an embedder.", nameof(options));
        var now = _time.GetUtcNow();
        var times = dataset.Conversations.Select(c => TurnTimes(c, now)).ToList();
        var earliest = times.Where(t => t.Length > 0).Select(t => t[0]).DefaultIfEmpty(now).Min();
        // Memories dated by their sessions must stay live until the questions are asked.
        var retention = new RetentionOptions { Interventions = TimeSpan.FromDays(Math.Min(3_650, (now - earliest).TotalDays + 30)) };
        var memory = new RapportMemory(_store, embedder, retention, _time);
        var ks = options.Ks.Distinct().Order().ToArray();
        var total = dataset.Conversations.Sum(c => c.Turns.Count + c.Questions.Count);
        var tally = new RecallTally(ks);
        var perConversation = new List<ConversationRecall>();
        var searchTimes = new List<double>();
        var embedTimes = new List<double>();
        var done = 0;
        for (var c = 0; c < dataset.Conversations.Count; c++)
        {
            var conversation = dataset.Conversations[c];
            var userId = UserIdOf(conversation.Id);
            var turnOf = new Dictionary<string, string>(StringComparer.Ordinal);
            var at = times[c];
            var dated = at.Length > 0 && now - at[0] < retention.Interventions;
            var firstTurnAt = now.AddMilliseconds(-conversation.Turns.Count);
            for (var start = 0; start < conversation.Turns.Count; start += BatchSize)
            {
                var batch = conversation.Turns.Skip(start).Take(BatchSize).ToList();
                var stored = await memory.RecordManyAsync(
                    [.. batch.Select((t, i) => ToMemory(userId, t) with { CreatedAt = dated ? at[start + i] : firstTurnAt.AddMilliseconds(start + i) })],
                    cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < stored.Count; i++)
                {
                    turnOf[stored[i].Id] = batch[i].DialogId;
                }

                done += batch.Count;
                progress?.Report(new RetrievalBenchmarkProgress("storing", conversation.Id, done, total));
            }

            var askedAt = dated ? at[^1].AddDays(1) : (DateTimeOffset?)null;
            var own = new RecallTally(ks);
            foreach (var question in conversation.Questions)
            {
                done++;
                if (question.Evidence.Count == 0)
                {
                    tally.Unscored++;
                    progress?.Report(new RetrievalBenchmarkProgress("searching", conversation.Id, done, total));
                    continue;
                }

                var clock = Stopwatch.StartNew();
                var embedding = await embedder.GenerateVectorAsync(question.Text, EmbeddingPurposes.For(EmbeddingPurpose.Query), cancellationToken)
                    .ConfigureAwait(false);
                embedTimes.Add(clock.Elapsed.TotalMilliseconds);
                clock.Restart();
                var hits = await _store.SearchAsync(
                    new MemorySearchRequest
                    {
                        UserId = userId,
                        Embedding = embedding,
                        EmbeddingModel = memory.EmbeddingModel,
                        Text = question.Text,
                        Top = ks[^1],
                        Mode = options.Mode,
                        Ranking = options.Ranking,
                        AskedAt = askedAt,
                    },
                    cancellationToken).ConfigureAwait(false);
                searchTimes.Add(clock.Elapsed.TotalMilliseconds);
                string[] ranked = [.. hits.Select(h => turnOf.GetValueOrDefault(h.Intervention.Id, ""))];
                tally.Add(question, ranked);
                own.Add(question, ranked);
                progress?.Report(new RetrievalBenchmarkProgress("searching", conversation.Id, done, total));
            }

            perConversation.Add(new ConversationRecall(conversation.Id, conversation.Turns.Count, own.Scored, dated, own.Overall()));
        }

        return new RetrievalBenchmarkReport
        {
            Mode = options.Mode,
            EmbeddingModel = memory.EmbeddingModel,
            Ks = ks,
            Conversations = dataset.Conversations.Count,
            Memories = dataset.Conversations.Sum(c => c.Turns.Count),
            Sessions = dataset.Conversations.Sum(c => c.Turns.Select(t => t.Session).Distinct().Count()),
            DatedConversations = perConversation.Count(p => p.Dated),
            Questions = tally.Scored,
            UnscoredQuestions = tally.Unscored,
            EvidenceIds = dataset.Conversations.Sum(c => c.Questions.Sum(q => q.Evidence.Count)),
            NormalizedEvidence = dataset.NormalizedEvidence,
            SkippedEvidence = dataset.SkippedEvidence,
            Recall = tally.Overall(),
            Categories = tally.ByCategory(),
            PerConversation = perConversation,
            SearchLatency = LatencySummary.Of(searchTimes),
            EmbeddingLatency = LatencySummary.Of(embedTimes),
        };
    }

    // Each turn at its session's date, one millisecond apart in order; empty when a session date is missing or unreadable.
    private static DateTimeOffset[] TurnTimes(LocomoConversation conversation, DateTimeOffset now)
    {
        var times = new DateTimeOffset[conversation.Turns.Count];
        var previous = DateTimeOffset.MinValue;
        for (var i = 0; i < times.Length; i++)
        {
            if (!SessionDates.TryParse(conversation.Turns[i].SessionDate, out var session) || session > now)
            {
                return [];
            }

            // Sessions out of date order keep the conversation's order: neighbours are neighbouring turns.
            times[i] = session > previous ? session : previous.AddMilliseconds(1);
            previous = times[i];
        }

        return times;
    }

    /// <summary>Returns the memory a turn is stored as (without id, times and embedding, which recording adds).</summary>
    public static NewIntervention ToMemory(string userId, LocomoTurn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var situation = turn.ImageCaption is { Length: > 0 } caption
            ? $"{turn.Speaker}: {turn.Text} [shared an image: {caption}]"
            : $"{turn.Speaker}: {turn.Text}";
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["dia_id"] = turn.DialogId,
            ["session"] = turn.Session.ToString(CultureInfo.InvariantCulture),
        };
        if (turn.SessionDate.Length > 0)
        {
            metadata["session_date"] = turn.SessionDate.Length > MemoryLimits.MaxMetadataValueLength
                ? turn.SessionDate[..MemoryLimits.MaxMetadataValueLength]
                : turn.SessionDate;
        }

        return new NewIntervention
        {
            UserId = userId,
            SessionId = string.Create(CultureInfo.InvariantCulture, $"session-{turn.Session}"),
            Situation = Truncate(situation),
            Kind = "turn",
            Text = Truncate(turn.SessionDate.Length > 0 ? $"{turn.Speaker}, session {turn.Session}, {turn.SessionDate}" : $"{turn.Speaker}, session {turn.Session}"),
            Metadata = metadata,
        };
    }

    private static string Truncate(string text) => text.Length <= MemoryLimits.MaxTextLength ? text : text[..MemoryLimits.MaxTextLength];

    private static string UserIdOf(string conversationId)
    {
        var safe = new string([.. conversationId.Select(c => MemoryIds.IsValid(c.ToString()) ? c : '-')]);
        var id = "bench-" + safe;
        return id.Length <= 128 ? id : id[..128];
    }
}
