using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using Rapport.Embeddings;
using Rapport.Memory;
using Rapport.Storage;

namespace Rapport.Evaluation.Retrieval;

/// <summary>Measures how well search finds the turns that answer a question, on LoCoMo-format conversations.</summary>
/// <remarks>
/// Each conversation becomes one user (<c>bench-{id}</c>): every turn is recorded as a memory whose situation is
/// <c>Speaker: text</c> (plus <c>[shared an image: caption]</c> when the turn shares one), kind <c>turn</c>, session
/// <c>session-N</c>, created one millisecond apart in conversation order (so that session neighbours are the
/// conversation's neighbouring turns), with the turn id, session number and session date in metadata. Then each question is
/// embedded and searched, and evidence recall@k is computed (see <see cref="RetrievalBenchmarkReport"/>). The
/// store should be a fresh one: the run writes into it and does not clean up. Not thread-safe; one run at a time.
/// </remarks>
public sealed class RetrievalBenchmark
{
    private const int BatchSize = 64;
    private readonly IMemoryStore _store;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly RapportMemory _memory;
    private readonly TimeProvider _time;

    /// <summary>Creates a run over a (fresh) store and an embedder; neither is owned.</summary>
    public RetrievalBenchmark(IMemoryStore store, IEmbeddingGenerator<string, Embedding<float>> embedder, TimeProvider? timeProvider = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _embedder = embedder ?? throw new ArgumentNullException(nameof(embedder));
        _time = timeProvider ?? TimeProvider.System;
        _memory = new RapportMemory(store, embedder, timeProvider: _time);
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
        var ks = options.Ks.Distinct().Order().ToArray();
        var total = dataset.Conversations.Sum(c => c.Turns.Count + c.Questions.Count);
        var tally = new RecallTally(ks);
        var searchTimes = new List<double>();
        var embedTimes = new List<double>();
        var done = 0;
        foreach (var conversation in dataset.Conversations)
        {
            var userId = UserIdOf(conversation.Id);
            var turnOf = new Dictionary<string, string>(StringComparer.Ordinal);

            // One millisecond apart, ending now: creation order is the conversation's order.
            var firstTurnAt = _time.GetUtcNow().AddMilliseconds(-conversation.Turns.Count);
            for (var start = 0; start < conversation.Turns.Count; start += BatchSize)
            {
                var batch = conversation.Turns.Skip(start).Take(BatchSize).ToList();
                var stored = await _memory.RecordManyAsync(
                    [.. batch.Select((t, i) => ToMemory(userId, t) with { CreatedAt = firstTurnAt.AddMilliseconds(start + i) })], cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < stored.Count; i++)
                {
                    turnOf[stored[i].Id] = batch[i].DialogId;
                }

                done += batch.Count;
                progress?.Report(new RetrievalBenchmarkProgress("storing", conversation.Id, done, total));
            }

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
                var embedding = await _embedder.GenerateVectorAsync(question.Text, cancellationToken: cancellationToken).ConfigureAwait(false);
                embedTimes.Add(clock.Elapsed.TotalMilliseconds);
                clock.Restart();
                var hits = await _store.SearchAsync(
                    new MemorySearchRequest
                    {
                        UserId = userId,
                        Embedding = embedding,
                        EmbeddingModel = _memory.EmbeddingModel,
                        Text = question.Text,
                        Top = ks[^1],
                        Mode = options.Mode,
                        Ranking = options.Ranking,
                    },
                    cancellationToken).ConfigureAwait(false);
                searchTimes.Add(clock.Elapsed.TotalMilliseconds);
                tally.Add(question, [.. hits.Select(h => turnOf.GetValueOrDefault(h.Intervention.Id, ""))]);
                progress?.Report(new RetrievalBenchmarkProgress("searching", conversation.Id, done, total));
            }
        }

        return new RetrievalBenchmarkReport
        {
            Mode = options.Mode,
            EmbeddingModel = _memory.EmbeddingModel,
            Ks = ks,
            Conversations = dataset.Conversations.Count,
            Memories = dataset.Conversations.Sum(c => c.Turns.Count),
            Questions = tally.Scored,
            UnscoredQuestions = tally.Unscored,
            NormalizedEvidence = dataset.NormalizedEvidence,
            SkippedEvidence = dataset.SkippedEvidence,
            Recall = tally.Overall(),
            Categories = tally.ByCategory(),
            SearchLatency = LatencySummary.Of(searchTimes),
            EmbeddingLatency = LatencySummary.Of(embedTimes),
        };
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
