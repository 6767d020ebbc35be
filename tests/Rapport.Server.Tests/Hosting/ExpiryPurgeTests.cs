using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Rapport.Server.Tests.Hosting;

/// <summary>The server runs the core's ExpiredMemoryPurger for each tenant: once expired, a memory's bytes leave the tenant's file without a restart.</summary>
public sealed class ExpiryPurgeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExpiredMemories_ArePurgedFromTheTenantsFile_ByTheRunningServer()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        await using var server = await ServerFixture.StartAsync(o =>
        {
            o.TimeProvider = time;
            o.PurgeInterval = TimeSpan.FromMinutes(10);
        });
        using var client = server.Client(server.AdminKey);
        var recorded = await Json.PostAsync(client, "v1/interventions",
            new { userId = "ana", situation = "Exams next week", kind = "reframe", text = "What would you tell a friend?" });
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var file = Path.Combine(server.Home, "tenants", "default", "rapport.db");
        Assert.Equal(1, await CountAsync(file));

        time.Advance(TimeSpan.FromDays(31));
        // The purge runs on the purger's own thread: wait for it, up to 30 s on a loaded machine.
        for (var i = 0; i < 600 && await CountAsync(file) > 0; i++)
        {
            await Task.Delay(50, Ct);
        }

        Assert.Equal(0, await CountAsync(file));
    }

    private static async Task<long> CountAsync(string file)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM interventions";
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
