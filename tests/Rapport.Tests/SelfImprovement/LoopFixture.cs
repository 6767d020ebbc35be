using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Microsoft.Extensions.Time.Testing;
using Rapport.Embeddings;
using Rapport.Memory;
using Rapport.SelfImprovement;
using Rapport.Sqlite;
using Rapport.Tests.Memory;
using Rapport.Tests.Storage;

namespace Rapport.Tests.SelfImprovement;

/// <summary>A real SQLite store in a temporary folder, the hashing embedder, a fake clock, and the loop over them.</summary>
internal sealed class LoopFixture : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-loop-").FullName;

    public LoopFixture(Action<RapportLoopOptions>? configure = null, IChatClient? chatClient = null)
    {
        Store = SqliteMemoryStore.Open(Path.Combine(_folder, "rapport.db"), Time);
        // Counted on the way, as a real turn would see them: the store through a decorator, the real hashing embedder.
        Searches = new CountingMemoryStore(Store);
        Memory = new RapportMemory(Searches, Embeddings, timeProvider: Time);
        var options = new RapportLoopOptions();
        configure?.Invoke(options);
        Loop = new RapportLoop(Memory, [new ScriptedScorer()], options, chatClient, Time);
        // History is written through a loop of its own, so the population rates Loop caches (for ten minutes) are read
        // only by what a test asserts on, after the history is written.
        // It waits for its population reads (as the demo does), so no relearning of its own runs in the background while a
        // test asserts on Loop: what a test sees does not depend on timing.
        var history = new RapportLoopOptions();
        history.Learning.RefreshPopulationInBackground = false;
        _history = new RapportLoop(Memory, [new ScriptedScorer()], history, timeProvider: Time);
    }

    private readonly RapportLoop _history;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public SqliteMemoryStore Store { get; }

    /// <summary>Gets the decorator every call of <see cref="Memory"/> goes through, counting searches.</summary>
    public CountingMemoryStore Searches { get; }

    /// <summary>Gets the embedder of <see cref="Memory"/>, counting calls.</summary>
    public CountingEmbeddingGenerator Embeddings { get; } = new();

    public RapportMemory Memory { get; }

    public RapportLoop Loop { get; }

    public async Task<Intervention> TurnAsync(string user, string situation, string kind, InterventionOutcome outcome, string text = "You did well to notice this; let's try it.", string? session = null)
    {
        var turn = await _history.PrepareTurnAsync(user, session, situation);
        var recorded = await _history.CompleteTurnAsync(turn, new ChatResponse(new ChatMessage(ChatRole.Assistant, text)), new TurnCompletion { Kind = kind });
        Time.Advance(TimeSpan.FromMinutes(1));
        return (await Loop.SetOutcomeAsync(recorded.Intervention.Id, outcome))!;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>A deterministic scorer: quality 0.2 for a text containing "LOWQ", else 0.9, plus a brevity score.</summary>
internal sealed class ScriptedScorer : IEvaluator
{
    public IReadOnlyCollection<string> EvaluationMetricNames => ["quality", "brevity"];

    public ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages, ChatResponse modelResponse, ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null, CancellationToken cancellationToken = default)
    {
        var low = modelResponse.Text.Contains("LOWQ", StringComparison.Ordinal);
        return ValueTask.FromResult(new EvaluationResult(
            new NumericMetric("quality", low ? 0.2 : 0.9),
            new NumericMetric("brevity", modelResponse.Text.Length < 200 ? 1 : 0.5)));
    }
}
