using System.Diagnostics;
using Rapport.Evaluation.Runs;
using Rapport.Memory;
using Rapport.OpenTelemetry.LocalTraces;
using Rapport.Sqlite;

namespace Rapport.DashboardBench;

/// <summary>Writes the bench's data straight into a data folder: a tenant's SQLite store, its evaluation runs, and the local traces.</summary>
internal static class Seeder
{
    public const string Tenant = "bench";

    /// <summary>The file naming the sizes a folder was seeded with, so a later run with --keep reuses it.</summary>
    public const string MarkerFile = "bench-seed.txt";
    private static readonly string[] Kinds = ["breathing", "break", "reframe", "grounding", "journaling", "movement"];

    public static async Task InterventionsAsync(string home, BenchOptions options, string embeddingModel, int dimensions)
    {
        var random = new Random(7);
        var now = DateTimeOffset.UtcNow;
        var store = SqliteMemoryStore.Open(Path.Combine(home, "tenants", Tenant, "rapport.db"), null, SqliteDurability.Normal);
        await using var _ = store.ConfigureAwait(false);
        var perUser = Math.Max(1, options.Interventions / options.Users);
        var batch = new List<Intervention>(1000);
        var written = 0;
        for (var u = 0; u < options.Users && written < options.Interventions; u++)
        {
            var user = $"user-{u:D5}";
            for (var k = 0; k < perUser && written < options.Interventions; k++, written++)
            {
                var created = now.AddDays(-25 + (25.0 * k / perUser)).AddMinutes(random.Next(60));
                var quality = random.NextDouble();
                batch.Add(new Intervention
                {
                    Id = Guid.NewGuid().ToString("N"), UserId = user, SessionId = $"{user}-s{k / 10:D3}", CreatedAt = created,
                    Situation = $"situation {random.Next(500)} about work, sleep or family", Kind = Kinds[random.Next(Kinds.Length)],
                    Text = $"Response {k}: let us try something small together.", Outcome = (InterventionOutcome)random.Next(3),
                    OutcomeAt = created, Quality = quality, Scores = new Dictionary<string, double> { ["supportiveness"] = quality, ["brevity"] = random.NextDouble() },
                    Embedding = Vector(random, dimensions), EmbeddingModel = embeddingModel, ExpiresAt = created.AddDays(30),
                });
                if (batch.Count == 1000)
                {
                    await store.RecordAsync(batch).ConfigureAwait(false);
                    batch.Clear();
                }
            }
        }

        if (batch.Count > 0)
        {
            await store.RecordAsync(batch).ConfigureAwait(false);
        }
    }

    public static void Traces(string home, int count)
    {
        using var traces = LocalTraceStore.Open(new LocalTraceStoreOptions { Path = Path.Combine(home, LocalTraceStoreOptions.DefaultFileName) });
        var random = new Random(11);
        var start = DateTimeOffset.UtcNow.AddHours(-20);
        var batch = new List<TraceSpan>();
        for (var t = 0; t < count; t++)
        {
            var trace = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
            var at = start.AddSeconds(t * 6);
            var attributes = new Dictionary<string, object?> { ["gen_ai.operation.name"] = "search_memory", ["rapport.context.tokens"] = (long)random.Next(50, 400) };
            var failed = random.Next(50) == 0 ? ActivityStatusCode.Error : ActivityStatusCode.Ok;
            batch.Add(new(trace, "0000000000000001", null, "rapport.turn", "Rapport", ActivityKind.Internal, at, TimeSpan.FromMilliseconds(20 + random.Next(30)), failed, null, attributes, []));
            batch.Add(new(trace, "0000000000000002", "0000000000000001", "search_memory", "Rapport", ActivityKind.Internal, at.AddMilliseconds(1), TimeSpan.FromMilliseconds(3 + random.Next(5)), ActivityStatusCode.Ok, null, attributes, []));
            batch.Add(new(trace, "0000000000000003", "0000000000000001", "rapport.context.build", "Rapport", ActivityKind.Internal, at.AddMilliseconds(9), TimeSpan.FromMilliseconds(1), ActivityStatusCode.Ok, null, attributes, []));
            batch.Add(new(trace, "0000000000000004", "0000000000000001", "rapport.loop.record", "Rapport", ActivityKind.Internal, at.AddMilliseconds(12), TimeSpan.FromMilliseconds(5), ActivityStatusCode.Ok, null, attributes,
                [new TraceEvent("gen_ai.evaluation.result", at.AddMilliseconds(14), new Dictionary<string, object?> { ["gen_ai.evaluation.name"] = "supportiveness", ["gen_ai.evaluation.score.value"] = random.NextDouble() })]));
            if (batch.Count >= 4000)
            {
                traces.Write(batch);
                batch.Clear();
            }
        }

        traces.Write(batch);
    }

    public static async Task RunsAsync(string home)
    {
        // Where /v1/evaluations keeps the tenant's runs on the embedded store, which is where the dashboard reads them.
        var store = Rapport.Server.Evaluations.SqliteEvaluationRunStore.Open(Path.Combine(home, "tenants", Tenant, "evaluations.db"));
        var random = new Random(5);
        foreach (var id in new[] { "bench-baseline", "bench-candidate" })
        {
            await store.SaveAsync(new EvaluationRun
            {
                Id = id, StartedAt = DateTimeOffset.UtcNow, DatasetName = "bench", DatasetHash = "bench0000", TargetDescription = id, TargetConfigurationHash = id,
                Metrics = ["supportiveness", "brevity"],
                Cases = [.. Enumerable.Range(0, 500).Select(i => new CaseResult
                {
                    CaseId = $"case-{i:D4}", Response = $"response {i} of {id}", LatencyMs = random.Next(5, 50),
                    Scores = [new CaseScore("supportiveness", random.NextDouble(), "complex reflection 0.61 (lexical)", null, null), new CaseScore("brevity", random.NextDouble(), null, null, null)],
                })],
            }).ConfigureAwait(false);
        }
    }

    private static float[] Vector(Random random, int dimensions)
    {
        var v = new float[dimensions];
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = (float)(random.NextDouble() - 0.5);
        }

        return v;
    }
}
