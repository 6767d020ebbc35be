using Rapport.Embeddings;
using Rapport.Memory;
using Rapport.Sqlite;
using Rapport.Telemetry;

namespace Rapport.Tests.Telemetry;

/// <summary>A memory service over a real SQLite store and the hashing embedder, both traced, in a temporary folder.</summary>
internal sealed class TracedMemoryFixture : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-telemetry-").FullName;

    public TracedMemoryFixture(bool includeSensitiveData = false)
    {
        Privacy = new TelemetryPrivacy(UserIdPseudonymizer.ForHome(_folder), includeSensitiveData);
        Inner = SqliteMemoryStore.Open(Path.Combine(_folder, "rapport.db"));
        Store = new TracingMemoryStore(Inner, Privacy);
        Memory = new RapportMemory(Store, new HashingEmbeddingGenerator().WithTracing(Privacy)) { TelemetryPrivacy = Privacy };
    }

    public TelemetryPrivacy Privacy { get; }

    public SqliteMemoryStore Inner { get; }

    public TracingMemoryStore Store { get; }

    public RapportMemory Memory { get; }

    public string Hash(string userId) => Privacy.Pseudonymizer.Pseudonymize(userId);

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
