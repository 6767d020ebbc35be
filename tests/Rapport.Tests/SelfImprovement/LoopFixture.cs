using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using Microsoft.Extensions.Time.Testing;
using Rapport.Embeddings;
using Rapport.Memory;
using Rapport.SelfImprovement;
using Rapport.Sqlite;

namespace Rapport.Tests.SelfImprovement;

/// <summary>A real SQLite store in a temporary folder, the hashing embedder, a fake clock, and the loop over them.</summary>
internal sealed class LoopFixture : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-loop-").FullName;

    public LoopFixture(Action<RapportLoopOptions>? configure = null, IChatClient? chatClient = null)
    {
        Store = SqliteMemoryStore.Open(Path.Combine(_folder, "rapport.db"), Time);
        Memory = new RapportMemory(Store, new HashingEmbeddingGenerator(), timeProvider: Time);
        var options = new RapportLoopOptions();
        configure?.Invoke(options);
        Loop = new RapportLoop(Memory, [new ScriptedScorer()], options, chatClient, Time);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public SqliteMemoryStore Store { get; }

    public RapportMemory Memory { get; }

    public RapportLoop Loop { get; }

    public async Task<Intervention> TurnAsync(string user, string situation, string kind, InterventionOutcome outcome, string text = "You did well to notice this; let's try it.", string? session = null)
    {
        var recorded = await Loop.Recorder.RecordAsync(new NewIntervention { UserId = user, SessionId = session, Situation = situation, Kind = kind, Text = text });
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
