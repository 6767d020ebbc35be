using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Rapport.Evaluation.Runs;
using Rapport.OpenTelemetry.LocalTraces;
using Rapport.Server.Keys;

namespace Rapport.Server.Dashboard.Tests;

/// <summary>One real server on loopback over a temporary data folder, seeded through the HTTP API (two tenants), with evaluation runs and
/// traces in the data folder, and one headless Chromium for the whole class.</summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    /// <summary>Why browser tests do not run here, or <see langword="null"/> when they do.</summary>
    public static readonly string? SkipReason = ChromiumPath() is null
        ? "No Chromium: install Debian's chromium (test.sh does when root) or set RAPPORT_CHROMIUM to a Chromium binary."
        : null;

    private IPlaywright? _playwright;

    public RapportServerApp App { get; private set; } = null!;

    public string Home { get; } = Path.Combine(Path.GetTempPath(), "rapport-dashboard-" + Guid.NewGuid().ToString("N"));

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string AdminKey => App.FirstAdminKey!;

    public string AlphaKey { get; private set; } = "";

    public string BetaKey { get; private set; } = "";

    /// <summary>Gets the text stored only in tenant beta: no page seen with another key may show it.</summary>
    public string BetaMarker { get; } = "betamarker" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Gets the trace written with a tree of spans and an evaluation event.</summary>
    public string TraceId { get; } = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());

    /// <summary>Gets where screenshots go: the test output's artifacts folder.</summary>
    public static string Artifacts { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts", "dashboard");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Home);
        var options = new RapportServerOptions { Home = Home, Urls = "http://127.0.0.1:0", Embedder = "hashing", Environment = _ => null };
        App = await RapportServer.CreateAsync(options, LogLevel.Warning);
        await App.StartAsync();
        BaseAddress = new Uri(App.Addresses[0].TrimEnd('/') + "/");
        AlphaKey = await KeyAsync("alpha");
        BetaKey = await KeyAsync("beta");
        await SeedAsync();
        if (SkipReason is null)
        {
            // Expect(...) retries until this (5 s by default), as long as an action waits: a loaded machine renders slowly.
            Assertions.SetDefaultExpectTimeout(30_000);
            _playwright = await Playwright.CreateAsync();
            Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath(), Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            });
        }
    }

    private async Task<string> KeyAsync(string tenant)
    {
        var (secret, key) = ApiKeys.Create(tenant, null, admin: false, TimeProvider.System);
        await App.Keys.AddAsync(key);
        return secret;
    }

    private async Task SeedAsync()
    {
        using var alpha = Client(AlphaKey);
        foreach (var (user, sessions) in new[] { ("ana", 3), ("ben", 2), ("cleo", 1) })
        {
            for (var s = 1; s <= sessions; s++)
            {
                for (var turn = 0; turn < 3; turn++)
                {
                    var prepared = await PostAsync(alpha, "v1/turns", new { userId = user, sessionId = $"{user}-s{s}", situation = $"I feel stressed about work, day {s} turn {turn}" });
                    var turnId = prepared.GetProperty("turnId").GetString();
                    var kind = turn % 2 == 0 ? "breathing" : "reframe";
                    var done = await PostAsync(alpha, $"v1/turns/{turnId}/complete", new { response = "That sounds hard. Shall we take three slow breaths together?", kind });
                    var id = done.GetProperty("intervention").GetProperty("id").GetString();
                    await PostAsync(alpha, $"v1/interventions/{id}/outcome", new { outcome = (s + turn) % 3 == 0 ? "not-helped" : "helped" });
                }

                await PostAsync(alpha, $"v1/sessions/{user}-s{s}/end", new { userId = user });
            }
        }

        using var beta = Client(BetaKey);
        await PostAsync(beta, "v1/interventions", new { userId = "zed", sessionId = "z1", situation = $"private worry {BetaMarker}", kind = "break", text = $"reply {BetaMarker}", outcome = "helped" });
        await PostAsync(beta, "v1/interventions", new { userId = "ana", sessionId = "z1", situation = $"beta ana {BetaMarker}", kind = "break", text = "beta reply", outcome = "helped" });
        SeedRuns();
        SeedTraces();
    }

    // Two runs on one dataset in tenant alpha: case i's supportiveness drops by 0.1 * i in the candidate (cases 0-5).
    private void SeedRuns()
    {
        // Where /v1/evaluations keeps tenant alpha's runs on the embedded store (so the dashboard shows what the API ran).
        var store = Rapport.Server.Evaluations.SqliteEvaluationRunStore.Open(Path.Combine(Home, "tenants", "alpha", "evaluations.db"));
        EvaluationRun Run(string id, Func<int, double> score, string words) => new()
        {
            Id = id, StartedAt = DateTimeOffset.UtcNow, DatasetName = "coaching-sample", DatasetHash = "abc123def456", TargetDescription = id,
            TargetConfigurationHash = id, Metrics = ["supportiveness", "brevity"],
            Cases = [.. Enumerable.Range(0, 6).Select(i => new CaseResult
            {
                CaseId = $"case-{i}", Response = $"{words} response {i}", LatencyMs = 10 + i,
                Scores = [new CaseScore("supportiveness", score(i), i % 2 == 0 ? "complex reflection 0.70 (lexical)" : "open question 0.60 (lexical)", null, null),
                    new CaseScore("brevity", 0.8, null, null, null)],
            })],
        };
        store.SaveAsync(Run("run-baseline", _ => 0.9, "Baseline")).GetAwaiter().GetResult();
        store.SaveAsync(Run("run-candidate", i => 0.9 - (0.1 * i), "Candidate")).GetAwaiter().GetResult();
    }

    private void SeedTraces()
    {
        using var traces = LocalTraceStore.Open(new LocalTraceStoreOptions { Path = Path.Combine(Home, LocalTraceStoreOptions.DefaultFileName) });
        var start = DateTimeOffset.UtcNow.AddMinutes(-1);
        var evaluation = new TraceEvent("gen_ai.evaluation.result", start.AddMilliseconds(30),
            new Dictionary<string, object?> { ["gen_ai.evaluation.name"] = "supportiveness", ["gen_ai.evaluation.score.value"] = 0.83 });
        TraceSpan Span(string id, string? parent, string name, int offsetMs, int ms, IReadOnlyList<TraceEvent>? events = null, ActivityStatusCode status = ActivityStatusCode.Ok) =>
            new(TraceId, id, parent, name, "Rapport", ActivityKind.Internal, start.AddMilliseconds(offsetMs), TimeSpan.FromMilliseconds(ms), status, null,
                new Dictionary<string, object?> { ["gen_ai.operation.name"] = name, ["rapport.record.count"] = 1L }, events ?? []);
        traces.Write(
        [
            Span("a000000000000001", null, "rapport.turn", 0, 40),
            Span("a000000000000002", "a000000000000001", "search_memory", 2, 10),
            Span("a000000000000003", "a000000000000001", "rapport.loop.record", 20, 15, [evaluation]),
            Span("a000000000000004", "a000000000000003", "rapport.store.record", 25, 5),
        ]);
        traces.Write([new TraceSpan(new string('b', 32), "b000000000000001", null, "delete_memory", "Rapport", ActivityKind.Internal, start, TimeSpan.FromMilliseconds(3),
            ActivityStatusCode.Error, "redacted", new Dictionary<string, object?>(), [])]);
    }

    public HttpClient Client(string key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string? ChromiumPath() =>
        Environment.GetEnvironmentVariable("RAPPORT_CHROMIUM") is { Length: > 0 } set && File.Exists(set) ? set
        : new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
