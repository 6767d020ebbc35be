using Microsoft.Extensions.Logging;
using Rapport.Server;
using Rapport.Server.Keys;

namespace Rapport.LoadBench;

/// <summary>One run on one store: a real server on loopback (Kestrel, HTTP/1.1), a warm-up, the measured load, the audit, and the
/// embedder alone on the same texts.</summary>
internal static class StoreRun
{
    /// <summary>What one run measured.</summary>
    public sealed record Result(
        string Store, string Embedder, int Agents, int Turns, TimeSpan Elapsed, EndpointTimings Timings, RecordAudit.Result Audit, double EmbedsPerSecond,
        double TurnEmbedsPerSecond, string Spans, RuntimeCost LoadCost, RuntimeCost BaselineCost)
    {
        public double TurnsPerSecond => Turns / Elapsed.TotalSeconds;

        /// <summary>Turns/s over the situations embedded alone (one text per turn).</summary>
        public double Ratio => TurnsPerSecond / EmbedsPerSecond;

        /// <summary>Turns/s over the embedding calls of a turn made alone (the situation, then situation and response for scoring).</summary>
        public double TurnRatio => TurnsPerSecond / TurnEmbedsPerSecond;

        /// <summary>CPU time per turn under load over CPU time per turn of the embedder alone (a turn's texts): the CPU bound on
        /// <see cref="TurnRatio"/> if both phases had every core to themselves.</summary>
        public double CpuRatio => (BaselineCost.Cpu.TotalMilliseconds / Turns) / (LoadCost.Cpu.TotalMilliseconds / Turns);
    }

    public static async Task<Result> RunAsync(string store, LoadOptions options)
    {
        var home = Directory.CreateTempSubdirectory("rapport-load-").FullName;
        await using var redis = store == "redis" ? await RedisProcess.StartAsync().ConfigureAwait(false) : null;
        try
        {
            var server = new RapportServerOptions
            {
                Home = home, Urls = "http://127.0.0.1:0", Store = redis is null ? null : "redis:" + redis.Endpoint, Embedder = options.Embedder,
                LocalTraces = false, RequestsPerWindow = 100_000_000, Environment = _ => null,
            };
            await using var app = await RapportServer.CreateAsync(server, LogLevel.Warning).ConfigureAwait(false);
            await app.StartAsync().ConfigureAwait(false);
            var (key, apiKey) = ApiKeys.Create("bench", null, admin: false, TimeProvider.System);
            await app.Keys.AddAsync(apiKey).ConfigureAwait(false);
            using var http = new HttpClient { BaseAddress = new Uri(app.Addresses[0].TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(60) };
            var load = new AgentLoad(http, key, options.Agents);

            // Warm-up (JIT up to tier 1, pools, the users' first records) under other users and turn numbers: not measured, not audited.
            // Rounds of 5 s until one compiles fewer than 100 methods (at most 90 s), as a server that has been up a while: after two
            // turns per agent the JIT compiled through the measured load (8-11 % of its CPU in perf). What it still compiles is reported.
            using var spans = new SpanAttribution();
            for (var round = 0; round < 18; round++)
            {
                var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
                _ = await load.RunAsync("warm", int.MaxValue, TimeSpan.FromSeconds(5), firstIndex: 10_000_000 + (round * 1_000_000)).ConfigureAwait(false);
                if (System.Runtime.JitInfo.GetCompiledMethodCount() - compiled < 100)
                {
                    break;
                }
            }

            spans.Reset();
            var loadProbe = RuntimeCost.Start();
            var (turns, timings, elapsed) = await load.RunAsync("agent", options.Turns, options.Duration).ConfigureAwait(false);
            var loadCost = loadProbe.Stop();
            var attribution = spans.Markdown(store, turns.Count);
            spans.Dispose();
            var audit = await RecordAudit.RunAsync(http, key, turns).ConfigureAwait(false);
            await app.StopAsync().ConfigureAwait(false);

            using var embedder = EmbedderBaseline.Open(options.Embedder, home);
            var warm = Enumerable.Range(10_000_000, options.Agents * 2).Select(Situations.Situation).ToList();
            _ = await EmbedderBaseline.EmbedsPerSecondAsync(embedder, warm, options.Agents).ConfigureAwait(false);
            var texts = turns.Select(t => Situations.Situation(t.Index)).ToList();
            var embeds = await EmbedderBaseline.EmbedsPerSecondAsync(embedder, texts, options.Agents).ConfigureAwait(false);
            var baselineProbe = RuntimeCost.Start();
            var turnEmbeds = await EmbedderBaseline.TurnEmbedsPerSecondAsync(embedder, [.. turns.Select(t => t.Index)], options.Agents).ConfigureAwait(false);
            var baselineCost = baselineProbe.Stop();
            var name = (embedder.GetService(typeof(Microsoft.Extensions.AI.EmbeddingGeneratorMetadata)) as Microsoft.Extensions.AI.EmbeddingGeneratorMetadata)?.DefaultModelId ?? embedder.GetType().Name;
            return new Result(store, name, options.Agents, turns.Count, elapsed, timings, audit, embeds, turnEmbeds, attribution, loadCost, baselineCost);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(home, recursive: true);
        }
    }
}
