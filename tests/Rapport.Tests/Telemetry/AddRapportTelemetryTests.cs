using Microsoft.Extensions.DependencyInjection;
using Rapport.Memory;
using Rapport.Sqlite;
using Rapport.Telemetry;

namespace Rapport.Tests.Telemetry;

[Collection(TelemetryCollection.Name)]
public sealed class AddRapportTelemetryTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("rapport-di-").FullName;

    [Fact]
    public async Task AddRapport_Default_TracesStoreAndEmbedderWithHomeKey()
    {
        await using var services = new ServiceCollection().AddRapport(o => o.Home = _home).Configure(o => o.UseSqlite()).Services.BuildServiceProvider();
        var memory = services.GetRequiredService<RapportMemory>();
        using var capture = new TelemetryCapture();

        await memory.RecallAsync(new RecallRequest { UserId = "ana", Query = "tired" });

        Assert.IsType<TracingMemoryStore>(memory.Store);
        Assert.True(File.Exists(Path.Combine(_home, UserIdPseudonymizer.KeyFileName)));
        var search = capture.Single("retrieval sqlite");
        Assert.Equal(UserIdPseudonymizer.ForHome(_home).Pseudonymize("ana"), search.GetTagItem(RapportTelemetryNames.UserHash));
        Assert.Contains(capture.Spans, s => s.GetTagItem("gen_ai.operation.name") as string == "embeddings");
    }

    [Fact]
    public async Task AddRapport_TelemetryDisabled_LeavesStoreUndecorated()
    {
        await using var services = new ServiceCollection()
            .AddRapport(o =>
            {
                o.Home = _home;
                o.Telemetry.Enabled = false;
                o.UseSqlite();
            })
            .Services.BuildServiceProvider();

        Assert.IsType<SqliteMemoryStore>(services.GetRequiredService<RapportMemory>().Store);
    }

    public void Dispose() => Directory.Delete(_home, true);
}
