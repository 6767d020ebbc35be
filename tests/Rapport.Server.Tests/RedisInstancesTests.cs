using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Rapport.Server.Tests;

/// <summary>Two servers on one private redis-server: the same keys authenticate on both, and a write through one is read through the other.</summary>
public sealed class RedisInstancesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_instances_on_one_redis_share_keys_and_tenants_data()
    {
        if (!File.Exists("/usr/bin/redis-server") && !File.Exists("/usr/local/bin/redis-server"))
        {
            Assert.Skip("redis-server is not installed");
        }

        var port = FreePort();
        using var redis = Process.Start(new ProcessStartInfo("redis-server", ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
        })!;
        try
        {
            await Task.Delay(300, Ct);
            var store = $"redis:127.0.0.1:{port}";
            await using var one = await ServerFixture.StartAsync(o => o.Store = store);
            await using var two = await ServerFixture.StartAsync(o => o.Store = store);
            Assert.NotNull(one.App.FirstAdminKey);
            Assert.Null(two.App.FirstAdminKey);

            var key = await one.CreateKeyAsync("acme");
            using var a = one.Client(key);
            using var b = two.Client(key);
            var turn = await Json.ReadAsync(await Json.PostAsync(a, "v1/turns", new { userId = "ana", situation = "I am anxious about tomorrow" }));
            var done = await Json.PostAsync(a, $"v1/turns/{turn.GetProperty("turnId").GetString()}/complete", new { response = "What would help you feel ready?" });
            var id = (await Json.ReadAsync(done)).GetProperty("intervention").GetProperty("id").GetString();

            var read = await b.GetAsync($"v1/interventions/{id}", Ct);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Equal(1, (await Json.ReadAsync(await b.GetAsync("v1/stats", Ct))).GetProperty("interventions").GetInt64());

            using var other = two.Client(await two.CreateKeyAsync("other"));
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"v1/interventions/{id}", Ct)).StatusCode);
            Assert.Equal(0, (await Json.ReadAsync(await other.GetAsync("v1/stats", Ct))).GetProperty("interventions").GetInt64());
        }
        finally
        {
            redis.Kill();
            await redis.WaitForExitAsync(Ct);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
