using System.Net;
using System.Text.Json;

namespace Rapport.Server.Tests.Traces;

/// <summary>/v1/traces on a real server with local traces on: each tenant's key sees only its tenant's spans, the admin key sees all, no user
/// text is kept, and the filters work. One server for the class.</summary>
public sealed class TraceEndpointsTests(TraceEndpointsTests.Server server) : IClassFixture<TraceEndpointsTests.Server>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Traces_TenantKeysSeeOnlyTheirSpans_AdminSeesAll_NoUserText()
    {
        var fixture = server.Fixture;
        var tenants = new[] { "trace-a", "trace-b" };
        var keys = new Dictionary<string, string>();
        var markers = new List<string>();
        foreach (var tenant in tenants)
        {
            keys[tenant] = await fixture.CreateKeyAsync(tenant);
            using var client = fixture.Client(keys[tenant]);
            var marker = "secret" + Guid.NewGuid().ToString("N");
            markers.Add(marker);
            var turn = await Json.ReadAsync(await Json.PostAsync(client, "v1/turns", new { userId = "ana", situation = $"I am afraid of {marker}" }));
            var done = await Json.PostAsync(client, $"v1/turns/{turn.GetProperty("turnId").GetString()}/complete", new { response = $"Tell me about {marker}." });
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        }

        var seen = new Dictionary<string, List<string>>();
        foreach (var tenant in tenants)
        {
            using var client = fixture.Client(keys[tenant]);
            var ids = await WaitForTracesAsync(client, "v1/traces?limit=100&operation=record");
            seen[tenant] = ids;
            foreach (var id in ids)
            {
                var body = await client.GetStringAsync($"v1/traces/{id}", Ct);
                Assert.All(Spans(JsonDocument.Parse(body).RootElement.GetProperty("roots")),
                    span => Assert.Equal(tenant, span.GetProperty("attributes").GetProperty("rapport.tenant").GetString()));
                Assert.DoesNotContain(markers, m => body.Contains(m, StringComparison.Ordinal));
            }
        }

        Assert.Empty(seen["trace-a"].Intersect(seen["trace-b"]));
        using (var b = fixture.Client(keys["trace-b"]))
        {
            foreach (var id in seen["trace-a"])
            {
                Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"v1/traces/{id}", Ct)).StatusCode);
            }
        }

        using var admin = fixture.Client(fixture.AdminKey);
        var all = (await Json.ReadAsync(await admin.GetAsync("v1/traces?limit=1000", Ct))).EnumerateArray().Select(t => t.GetProperty("traceId").GetString()!).ToHashSet();
        Assert.All(seen["trace-a"].Concat(seen["trace-b"]), id => Assert.Contains(id, all));
    }

    [Fact]
    public async Task Traces_Filters_NarrowTheListing_AndBadFiltersAre400()
    {
        using var client = server.Fixture.Client(await server.Fixture.CreateKeyAsync("trace-f"));
        await Json.PostAsync(client, "v1/turns", new { userId = "bo", situation = "I feel tense" });
        var any = await WaitForTracesAsync(client, "v1/traces");
        var first = (await Json.ReadAsync(await client.GetAsync($"v1/traces/{any[0]}", Ct)));
        Assert.Equal(any[0], first.GetProperty("traceId").GetString());
        Assert.True(first.GetProperty("spanCount").GetInt32() >= 1);

        Assert.Empty(await ListAsync(client, "v1/traces?minDurationMs=3600000"));
        Assert.Empty(await ListAsync(client, $"v1/traces?since={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"))}"));
        Assert.Empty(await ListAsync(client, $"v1/traces?until={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"))}"));
        Assert.Empty(await ListAsync(client, "v1/traces?operation=no-such-operation"));
        Assert.Empty(await ListAsync(client, "v1/traces?errors=true"));
        Assert.NotEmpty(await ListAsync(client, $"v1/traces?since={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"))}&minDurationMs=0"));

        foreach (var bad in new[] { "v1/traces?limit=0", "v1/traces?minDurationMs=-1", "v1/traces/xyz" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(bad, Ct)).StatusCode);
        }

        using var bound = server.Fixture.Client(await server.Fixture.CreateKeyAsync("trace-f", "bo"));
        Assert.Equal(HttpStatusCode.Forbidden, (await bound.GetAsync("v1/traces", Ct)).StatusCode);
    }

    [Fact]
    public async Task Traces_LocalTracesOff_Is409SayingOtlpIsThePath()
    {
        await using var off = await ServerFixture.StartAsync();
        using var client = off.Client(off.AdminKey);
        var response = await client.GetAsync("v1/traces", Ct);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("OTEL_EXPORTER_OTLP_ENDPOINT", (await Json.ReadAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static IEnumerable<JsonElement> Spans(JsonElement roots) =>
        roots.EnumerateArray().SelectMany(r => Spans(r.GetProperty("children")).Prepend(r));

    private static async Task<List<string>> ListAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await Json.ReadAsync(response)).EnumerateArray().Select(t => t.GetProperty("traceId").GetString()!)];
    }

    // Spans reach the store in batches (50 ms here), on the exporter's thread: wait for them, up to 30 s on a loaded machine.
    private static async Task<List<string>> WaitForTracesAsync(HttpClient client, string path)
    {
        for (var i = 0; i < 300; i++)
        {
            var ids = await ListAsync(client, path);
            if (ids.Count > 0)
            {
                return ids;
            }

            await Task.Delay(100, Ct);
        }

        throw new TimeoutException($"No trace at {path} within 30 s.");
    }

    /// <summary>The class's server, with local traces on.</summary>
    public sealed class Server : IAsyncLifetime
    {
        public ServerFixture Fixture { get; private set; } = null!;

        public async ValueTask InitializeAsync() => Fixture = await ServerFixture.StartAsync(o =>
        {
            o.LocalTraces = true;
            o.TraceBatchDelayMilliseconds = 50;
        });

        public ValueTask DisposeAsync() => Fixture.DisposeAsync();
    }
}
