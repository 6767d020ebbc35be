using System.Net;
using System.Text.Json;
using ModelContextProtocol.Client;
using Rapport.Server.Tests.Mcp;

namespace Rapport.Server.Tests;

/// <summary>Property: whatever ids a request sends, a key reads and writes only its tenant's namespace (and only its user, when bound).
/// Randomized tenants, keys and user ids, hostile ones included, over every endpoint and every MCP tool; every response body is searched
/// for other tenants' and other users' markers, and every cross-namespace id must be a 404 (a tool error over MCP).</summary>
public sealed class TenantIsolationTests
{
    private static readonly string[] HostileUsers = ["ana", "..", "a:b", "@", "t:beta:ana", "rapport:t:alpha", "default", "dev", "x-_.:@y", "ANA"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task No_key_ever_sees_or_changes_another_tenants_or_users_data(int seed)
    {
        var random = new Random(seed);
        await using var server = await ServerFixture.StartAsync();
        var tenants = Enumerable.Range(0, random.Next(2, 4)).Select(i => $"t{seed}-{i}-{random.Next(1000)}").ToList();
        var users = HostileUsers.OrderBy(_ => random.Next()).Take(random.Next(3, HostileUsers.Length)).ToList();
        var records = new List<(string Tenant, string User, string Id, string Marker)>();
        var tenantKeys = new Dictionary<string, string>();
        var turns = new List<(string Tenant, string User, string TurnId)>();
        var runs = new List<(string Tenant, string RunId)>();
        foreach (var tenant in tenants)
        {
            tenantKeys[tenant] = await server.CreateKeyAsync(tenant);
            using var client = server.Client(tenantKeys[tenant]);
            foreach (var user in users)
            {
                var marker = $"marker{Guid.NewGuid():N}";
                var created = await Json.PostAsync(client, "v1/interventions",
                    new { userId = user, sessionId = "s", situation = $"worried about exams {marker}", kind = "reframe", text = $"Let us look at it {marker}", outcome = "helped" });
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                records.Add((tenant, user, (await Json.ReadAsync(created)).GetProperty("id").GetString()!, marker));
            }

            await Json.PostAsync(client, "v1/sessions/s/end", new { userId = users[0] });
            var run = await Json.PostAsync(client, "v1/evaluations", new
            {
                dataset = """{"id":"c1","situation":"worried about exams"}""",
                responses = $$"""{"id":"c1","response":"What worries you most? {{tenant}}"}""",
            });
            Assert.Equal(HttpStatusCode.Created, run.StatusCode);
            runs.Add((tenant, (await Json.ReadAsync(run)).GetProperty("id").GetString()!));
            await using var mcp = await McpClients.ConnectAsync(server, tenantKeys[tenant]);
            foreach (var user in users)
            {
                var prepared = (await mcp.CallAsync("prepare_turn", new { userId = user, situation = "worried about exams" })).Json();
                turns.Add((tenant, user, prepared.GetProperty("turnId").GetString()!));
            }
        }

        var leaks = new List<string>();
        foreach (var tenant in tenants)
        {
            // ".." in a path is resolved away by the client itself, so a bound key's own user is never "..": it is sent in bodies and queries.
            var pathSafe = users.Where(u => u != "..").ToList();
            var boundUser = pathSafe[random.Next(pathSafe.Count)];
            var keys = new[] { (Key: tenantKeys[tenant], User: (string?)null), (Key: await server.CreateKeyAsync(tenant, boundUser), User: (string?)boundUser) };
            foreach (var (key, bound) in keys)
            {
                using var client = server.Client(key);
                bool Visible((string Tenant, string User, string Id, string Marker) r) => r.Tenant == tenant && (bound is null || r.User == bound);
                var forbidden = records.Where(r => !Visible(r)).ToList();
                async Task Check(string what, HttpResponseMessage response)
                {
                    var body = await response.Content.ReadAsStringAsync(Ct);
                    leaks.AddRange(forbidden.Where(r => body.Contains(r.Marker, StringComparison.Ordinal) || body.Contains(r.Id, StringComparison.Ordinal))
                        .Select(r => $"{tenant}/{bound ?? "*"} {what}: saw {r.Tenant}/{r.User}"));
                }

                foreach (var user in users.Append("nobody"))
                {
                    var u = Uri.EscapeDataString(user);
                    await Check($"list {user}", await client.GetAsync($"v1/users/{u}/interventions", Ct));
                    await Check($"recall {user}", await Json.PostAsync(client, $"v1/users/{u}/recall", new { query = "worried about exams" }));
                    await Check($"recommend {user}", await Json.PostAsync(client, $"v1/users/{u}/recommendations", new { situation = "worried about exams" }));
                    await Check($"profile {user}", await client.GetAsync($"v1/users/{u}/profile", Ct));
                    await Check($"reflections {user}", await client.GetAsync($"v1/users/{u}/reflections", Ct));
                    await Check($"export {user}", await client.GetAsync($"v1/users/{u}/export", Ct));
                    await Check($"stats {user}", await client.GetAsync($"v1/stats?userId={u}", Ct));
                    await Check($"turn {user}", await Json.PostAsync(client, "v1/turns", new { userId = user, situation = "worried about exams" }));
                }

                // Evaluation runs are the tenant's: listed and shown to its unbound keys only.
                var listed = await client.GetAsync("v1/evaluations", Ct);
                if (bound is null)
                {
                    var body = await listed.Content.ReadAsStringAsync(Ct);
                    leaks.AddRange(runs.Where(r => r.Tenant != tenant && body.Contains(r.RunId, StringComparison.Ordinal)).Select(r => $"{tenant} listed {r.Tenant}'s run"));
                    Assert.Contains(runs.Single(r => r.Tenant == tenant).RunId, body, StringComparison.Ordinal);
                }
                else if (listed.StatusCode != HttpStatusCode.Forbidden)
                {
                    leaks.Add($"{tenant}/{bound} listed evaluations: {listed.StatusCode}");
                }

                foreach (var other in runs.Where(r => r.Tenant != tenant))
                {
                    var shown = await client.GetAsync($"v1/evaluations/{other.RunId}", Ct);
                    if (shown.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Forbidden))
                    {
                        leaks.Add($"{tenant}/{bound ?? "*"} showed {other.Tenant}'s run: {shown.StatusCode}");
                    }
                }

                foreach (var other in forbidden)
                {
                    var get = await client.GetAsync($"v1/interventions/{other.Id}", Ct);
                    var outcome = await Json.PostAsync(client, $"v1/interventions/{other.Id}/outcome", new { outcome = "not-helped" });
                    if (get.StatusCode != HttpStatusCode.NotFound || outcome.StatusCode != HttpStatusCode.NotFound)
                    {
                        leaks.Add($"{tenant}/{bound ?? "*"} reached {other.Tenant}/{other.User} by id: {get.StatusCode}/{outcome.StatusCode}");
                    }
                }

                await using (var mcp = await McpClients.ConnectAsync(server, key))
                {
                    leaks.AddRange(await ToolLeaksAsync(mcp, $"{tenant}/{bound ?? "*"}", users, forbidden, turns.Where(t => t.Tenant != tenant || (bound is not null && t.User != bound))));
                }

                // The search is not vacuous: the key does see its own records.
                var own = records.First(r => Visible(r) && r.User != "..");
                var export = await client.GetStringAsync($"v1/users/{Uri.EscapeDataString(own.User)}/export", Ct);
                Assert.Contains(own.Marker, export, StringComparison.Ordinal);

                var stats = await Json.ReadAsync(await client.GetAsync("v1/stats", Ct));
                var expected = records.Count(Visible);
                Assert.Equal(expected, stats.GetProperty("interventions").GetInt64());
            }
        }

        Assert.Empty(leaks);

        // Forget in one tenant removes nothing of the same user id in another; outcomes set across tenants changed nothing.
        using (var first = server.Client(tenantKeys[tenants[0]]))
        {
            Assert.Equal(HttpStatusCode.OK, (await first.DeleteAsync($"v1/users/{Uri.EscapeDataString(users[0])}", Ct)).StatusCode);
        }

        await using (var mcp = await McpClients.ConnectAsync(server, tenantKeys[tenants[1]]))
        {
            Assert.True((await mcp.CallAsync("forget_user", new { userId = users[1] })).Json().GetProperty("removed").GetInt64() >= 1);
        }

        await using (var mcp = await McpClients.ConnectAsync(server, tenantKeys[tenants[0]]))
        {
            Assert.Equal(1, (await mcp.CallAsync("get_stats", new { userId = users[1] })).Json().GetProperty("interventions").GetInt64());
        }

        foreach (var tenant in tenants.Skip(1))
        {
            using var client = server.Client(tenantKeys[tenant]);
            var list = await Json.ReadAsync(await client.GetAsync($"v1/users/{Uri.EscapeDataString(users[0])}/interventions", Ct));
            var item = Assert.Single(list.EnumerateArray());
            Assert.Equal("helped", item.GetProperty("outcome").GetString());
        }
    }

    // Every tool, for every user id, searched for others' markers and ids; others' interventions and prepared turns are tool errors.
    private static async Task<List<string>> ToolLeaksAsync(
        McpClient mcp, string who, IEnumerable<string> users, List<(string Tenant, string User, string Id, string Marker)> forbidden,
        IEnumerable<(string Tenant, string User, string TurnId)> otherTurns)
    {
        var leaks = new List<string>();
        void Check(string what, ModelContextProtocol.Protocol.CallToolResult result)
        {
            var text = result.Text();
            leaks.AddRange(forbidden.Where(r => text.Contains(r.Marker, StringComparison.Ordinal) || text.Contains(r.Id, StringComparison.Ordinal))
                .Select(r => $"{who} tool {what}: saw {r.Tenant}/{r.User}"));
        }

        foreach (var user in users.Append("nobody"))
        {
            Check($"search_memories {user}", await mcp.CallAsync("search_memories", new { userId = user, query = "worried about exams", top = 50 }));
            Check($"recommend_kinds {user}", await mcp.CallAsync("recommend_kinds", new { userId = user, situation = "worried about exams" }));
            Check($"get_profile {user}", await mcp.CallAsync("get_profile", new { userId = user }));
            Check($"get_stats {user}", await mcp.CallAsync("get_stats", new { userId = user }));
            Check($"prepare_turn {user}", await mcp.CallAsync("prepare_turn", new { userId = user, sessionId = "iso", situation = "worried about exams" }));
            Check($"end_session {user}", await mcp.CallAsync("end_session", new { userId = user, sessionId = "iso" }));
        }

        Check("get_stats", await mcp.CallAsync("get_stats", new { }));
        foreach (var other in forbidden)
        {
            var outcome = await mcp.CallAsync("set_outcome", new { interventionId = other.Id, outcome = "not-helped" });
            if (outcome.IsError is not true || !outcome.Text().StartsWith("No live intervention", StringComparison.Ordinal))
            {
                leaks.Add($"{who} tool set_outcome reached {other.Tenant}/{other.User}: {outcome.Text()}");
            }
        }

        foreach (var turn in otherTurns)
        {
            var completed = await mcp.CallAsync("complete_turn", new { turnId = turn.TurnId, response = "hello" });
            if (completed.IsError is not true)
            {
                leaks.Add($"{who} tool complete_turn completed {turn.Tenant}/{turn.User}'s turn");
            }
        }

        return leaks;
    }

    [Fact]
    public async Task A_key_bound_to_one_user_is_refused_for_another_and_defaults_to_its_own()
    {
        await using var server = await ServerFixture.StartAsync();
        using var client = server.Client(await server.CreateKeyAsync("acme", "ana"));
        var other = await client.GetAsync("v1/users/bo/profile", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync("v1/users/bo", Ct)).StatusCode);

        var turn = await Json.PostAsync(client, "v1/turns", new { situation = "I feel stuck" });
        Assert.Equal(HttpStatusCode.OK, turn.StatusCode);
        Assert.Equal("ana", (await Json.ReadAsync(turn)).GetProperty("userId").GetString());
        var stats = await Json.ReadAsync(await client.GetAsync("v1/stats", Ct));
        Assert.Equal("ana", stats.GetProperty("userId").GetString());
        Assert.Equal(JsonValueKind.String, stats.GetProperty("tenant").ValueKind);
    }
}
