using Rapport.Telemetry;
using Microsoft.Extensions.Time.Testing;
using Rapport.Embeddings;
using Rapport.Memory;
using Rapport.Sqlite;
using Rapport.OpenTelemetry.Hosting;

namespace Rapport.OpenTelemetry.Tests;

/// <summary>A memory service over real SQLite, traced, with a telemetry host (local traces, OTLP as the variables say).</summary>
internal sealed class HostedMemory : IAsyncDisposable
{
    public HostedMemory(IReadOnlyDictionary<string, string>? environment = null, bool coreSensitive = false, bool storeSensitive = false)
    {
        Home = Directory.CreateTempSubdirectory("rapport-traces-").FullName;
        Time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = new RapportTelemetryHostOptions
        {
            Home = Home,
            Environment = name => environment is not null && environment.TryGetValue(name, out var value) ? value : null,
            LocalBatchDelayMilliseconds = 100,
            IncludeSensitiveData = coreSensitive,
        };
        options.LocalTraceStore.TimeProvider = Time;
        options.LocalTraceStore.IncludeSensitiveData = storeSensitive;
        Host = RapportTelemetryHost.Start(options);
        var privacy = new TelemetryPrivacy(UserIdPseudonymizer.ForHome(Home), coreSensitive);
        Store = SqliteMemoryStore.Open(Path.Combine(Home, "rapport.db"), Time).WithTracing(privacy);
        Memory = new RapportMemory(Store, new HashingEmbeddingGenerator().WithTracing(privacy), timeProvider: Time) { TelemetryPrivacy = privacy };
    }

    public string Home { get; }

    public FakeTimeProvider Time { get; }

    public RapportTelemetryHost Host { get; }

    public Rapport.Storage.IMemoryStore Store { get; }

    public RapportMemory Memory { get; }

    public Rapport.OpenTelemetry.LocalTraces.LocalTraceStore Traces => Host.Traces!;

    public static NewIntervention Sample(string user, string situation) => new()
    {
        UserId = user,
        Situation = situation,
        Kind = "breathing",
        Text = "Let's take three slow breaths together.",
        Quality = 0.8,
    };

    public async ValueTask DisposeAsync()
    {
        Host.Dispose();
        await Store.DisposeAsync();
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
