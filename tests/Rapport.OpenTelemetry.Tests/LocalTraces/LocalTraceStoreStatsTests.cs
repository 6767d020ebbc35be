using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Rapport.OpenTelemetry.LocalTraces;
using Rapport.Telemetry;

namespace Rapport.OpenTelemetry.Tests.LocalTraces;

/// <summary>The health figures of the local trace store (the dashboard's overview): span percentiles, failures, context size, failed
/// traces; a file of schema version 1 keeps its context sizes; a dashboard page's own spans are never stored.</summary>
public sealed class LocalTraceStoreStatsTests : IDisposable
{
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.AddHours(-1);
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-trace-stats-").FullName;

    private string FilePath => Path.Combine(_folder, LocalTraceStoreOptions.DefaultFileName);

    [Fact]
    public async Task GetSpanStatsAsync_PercentilesErrorsAndContextTokensPerName_NewestSpansOnly()
    {
        using var store = LocalTraceStore.Open(new LocalTraceStoreOptions { Path = FilePath });
        // Ten traces: turn i lasts 10*(i+1) ms, fails for i = 3; its context span has 100*(i+1) tokens.
        store.Write([.. Enumerable.Range(0, 10).SelectMany(i => Trace(i, 10 * (i + 1), failed: i == 3, tokens: 100 * (i + 1)))]);

        var stats = (await store.GetSpanStatsAsync(Start.AddMinutes(-1), 10_000, TestContext.Current.CancellationToken)).ToDictionary(s => s.Name);
        var turn = stats["rapport.turn"];
        Assert.Equal((10, 1), (turn.Count, turn.Errors));
        Assert.Equal(TimeSpan.FromMilliseconds(50), turn.P50);
        Assert.Equal(TimeSpan.FromMilliseconds(100), turn.P95);
        Assert.Null(turn.MeanTokens);
        Assert.Equal(550, stats[RapportTelemetryNames.ContextBuildSpan].MeanTokens);

        // Only the newest 4 spans (two traces: 9 and 8) are read when the bound says so.
        var newest = (await store.GetSpanStatsAsync(Start.AddMinutes(-1), 4, TestContext.Current.CancellationToken)).ToDictionary(s => s.Name);
        Assert.Equal(950, newest[RapportTelemetryNames.ContextBuildSpan].MeanTokens);
        Assert.Equal(2, newest["rapport.turn"].Count);

        var failed = await store.ListTracesAsync(new TraceQuery { ErrorsOnly = true }, TestContext.Current.CancellationToken);
        Assert.Equal([TraceId(3)], failed.Select(t => t.TraceId));
    }

    [Fact]
    public async Task Open_AFileOfSchemaVersion1_KeepsItsContextTokens()
    {
        // A version-1 file as the previous release wrote it: the context size only inside the JSON attributes.
        using (var connection = new SqliteConnection($"Data Source={FilePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            var json = "{\"" + RapportTelemetryNames.ContextTokens + "\":321}";
            command.CommandText = $"""
                CREATE TABLE spans (trace_id TEXT NOT NULL, span_id TEXT NOT NULL, parent_span_id TEXT, name TEXT NOT NULL, source TEXT NOT NULL,
                    kind INTEGER NOT NULL, start_us INTEGER NOT NULL, duration_us INTEGER NOT NULL, status INTEGER NOT NULL, status_description TEXT,
                    attributes TEXT NOT NULL, events TEXT NOT NULL, expires_at_us INTEGER NOT NULL, PRIMARY KEY (trace_id, span_id)) WITHOUT ROWID;
                INSERT INTO spans VALUES ('{TraceId(1)}', '0000000000000002', NULL, '{RapportTelemetryNames.ContextBuildSpan}', 'Rapport', 0,
                    {Start.ToUnixTimeMilliseconds() * 1000}, 1000, 0, NULL, '{json}', '[]', {DateTimeOffset.UtcNow.AddDays(7).ToUnixTimeMilliseconds() * 1000});
                PRAGMA user_version = 1;
                """;
            command.ExecuteNonQuery();
        }

        using var store = LocalTraceStore.Open(new LocalTraceStoreOptions { Path = FilePath });

        var stats = Assert.Single(await store.GetSpanStatsAsync(Start.AddMinutes(-1), 10_000, TestContext.Current.CancellationToken));
        Assert.Equal(321, stats.MeanTokens);
    }

    [Fact]
    public async Task Export_SpansOfADashboardPage_AreNotStored()
    {
        using var store = LocalTraceStore.Open(new LocalTraceStoreOptions { Path = FilePath });
        using var exporter = new LocalTraceExporter(store);
        using var source = new ActivitySource("dashboard-skip-test");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == source.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        var page = source.StartActivity("rapport.dashboard.page", ActivityKind.Server, parentContext: default)!;
        page.SetBaggage(RapportTelemetryNames.DashboardBaggage, "overview");
        var read = source.StartActivity("rapport.dashboard.read")!;
        read.Stop();
        page.Stop();
        var other = source.StartActivity("rapport.turn", ActivityKind.Internal, parentContext: default)!;
        other.Stop();

        Assert.Equal(global::OpenTelemetry.ExportResult.Success, exporter.Export(new global::OpenTelemetry.Batch<Activity>([read, page, other], 3)));

        var kept = await store.ListTracesAsync(new TraceQuery { Last = 10 }, TestContext.Current.CancellationToken);
        Assert.Equal(["rapport.turn"], kept.Select(t => t.Operation));
    }

    private static string TraceId(int i) => i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);

    private static IEnumerable<TraceSpan> Trace(int i, int ms, bool failed, long tokens)
    {
        var at = Start.AddSeconds(i);
        var size = new Dictionary<string, object?> { [RapportTelemetryNames.ContextTokens] = tokens };
        yield return new(TraceId(i), "0000000000000001", null, "rapport.turn", "Rapport", ActivityKind.Internal, at, TimeSpan.FromMilliseconds(ms),
            failed ? ActivityStatusCode.Error : ActivityStatusCode.Ok, null, new Dictionary<string, object?>(), []);
        yield return new(TraceId(i), "0000000000000002", "0000000000000001", RapportTelemetryNames.ContextBuildSpan, "Rapport", ActivityKind.Internal,
            at.AddMilliseconds(1), TimeSpan.FromMilliseconds(1), ActivityStatusCode.Ok, null, size, []);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
