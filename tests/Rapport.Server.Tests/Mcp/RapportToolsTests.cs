using System.Net;
using ModelContextProtocol.Client;

namespace Rapport.Server.Tests.Mcp;

/// <summary>The MCP tools at <c>/mcp</c> through the official C# client: the catalogue and its annotations, a whole turn, errors as
/// one-line tool errors, and the key's authentication. One server for the class.</summary>
public sealed class RapportToolsTests(RapportToolsTests.Server server) : IClassFixture<RapportToolsTests.Server>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The tools, with (readOnly, destructive, idempotent).</summary>
    public static readonly Dictionary<string, (bool ReadOnly, bool Destructive, bool Idempotent)> Expected = new()
    {
        ["prepare_turn"] = (false, false, false),
        ["complete_turn"] = (false, false, false),
        ["set_outcome"] = (false, true, true),
        ["search_memories"] = (true, false, true),
        ["recommend_kinds"] = (true, false, true),
        ["end_session"] = (false, false, false),
        ["get_profile"] = (true, false, true),
        ["get_stats"] = (true, false, true),
        ["forget_user"] = (false, true, true),
    };

    [Fact]
    public async Task ListTools_NineTools_AnnotatedAndDescribedWithoutIdentityParameters()
    {
        await using var client = await McpClients.ConnectAsync(server.Fixture, server.Fixture.AdminKey);
        var tools = await client.ListToolsAsync(cancellationToken: Ct);
        Assert.Equal(Expected.Keys.Order(), tools.Select(t => t.Name).Order());
        foreach (var tool in tools)
        {
            var a = tool.ProtocolTool.Annotations;
            Assert.NotNull(a);
            Assert.Equal(Expected[tool.Name], (a.ReadOnlyHint ?? false, a.DestructiveHint ?? true, a.IdempotentHint ?? false));
            Assert.False(a.OpenWorldHint ?? true);
            Assert.True(tool.Description.Length > 80, tool.Name + " has too short a description");
            var properties = tool.JsonSchema.GetProperty("properties");
            Assert.False(properties.TryGetProperty("user", out _), tool.Name + " exposes the principal");
            Assert.False(properties.TryGetProperty("tenant", out _), tool.Name + " takes a tenant");
        }
    }

    [Fact]
    public async Task WholeTurn_PrepareCompleteOutcomeEnd_RecordsOneHelpedIntervention()
    {
        await using var client = await McpClients.ConnectAsync(server.Fixture, await server.Fixture.CreateKeyAsync("mcp-turn"));
        var prepared = (await client.CallAsync("prepare_turn", new { userId = "ana", sessionId = "s1", situation = "I can't sleep before my exam" })).Json();
        var turnId = prepared.GetProperty("turnId").GetString()!;
        Assert.False(string.IsNullOrEmpty(prepared.GetProperty("recommendation").GetProperty("best").GetString()));

        var completed = (await client.CallAsync("complete_turn", new { turnId, response = "That sounds hard. Shall we try a slow breath together?", kind = "breathing" })).Json();
        var id = completed.GetProperty("intervention").GetProperty("id").GetString()!;
        Assert.Equal("breathing", completed.GetProperty("intervention").GetProperty("kind").GetString());

        var outcome = (await client.CallAsync("set_outcome", new { interventionId = id, outcome = "helped", rating = 5 })).Json();
        Assert.Equal("helped", outcome.GetProperty("outcome").GetString());
        var ended = (await client.CallAsync("end_session", new { userId = "ana", sessionId = "s1" })).Json();
        Assert.Equal("s1", ended.GetProperty("reflection").GetProperty("sessionId").GetString());

        var hits = (await client.CallAsync("search_memories", new { userId = "ana", query = "exam sleep", outcome = "helped" })).Json();
        Assert.Equal(id, Assert.Single(hits.EnumerateArray()).GetProperty("intervention").GetProperty("id").GetString());
        var stats = (await client.CallAsync("get_stats", new { })).Json();
        Assert.Equal(("mcp-turn", 1L, 1L), (stats.GetProperty("tenant").GetString(), stats.GetProperty("interventions").GetInt64(), stats.GetProperty("helped").GetInt64()));
        var profile = (await client.CallAsync("get_profile", new { userId = "ana" })).Json();
        Assert.Equal("ana", profile.GetProperty("userId").GetString());
        var ranked = (await client.CallAsync("recommend_kinds", new { userId = "ana", situation = "exam tomorrow", kinds = new[] { "breathing", "reframe" } })).Json();
        Assert.Equal(2, ranked.GetProperty("ranked").GetArrayLength());

        var again = await client.CallAsync("complete_turn", new { turnId, response = "again" });
        Assert.True(again.IsError);
        Assert.Contains("No prepared turn", again.Text(), StringComparison.Ordinal);

        var forgot = (await client.CallAsync("forget_user", new { userId = "ana" })).Json();
        Assert.True(forgot.GetProperty("removed").GetInt64() >= 1);
        Assert.Equal(0, (await client.CallAsync("get_stats", new { })).Json().GetProperty("interventions").GetInt64());
    }

    [Theory]
    [InlineData("set_outcome", """{"interventionId":"x","outcome":"great"}""", "Invalid outcome 'great': use")]
    [InlineData("prepare_turn", """{"userId":"a b","situation":"hi"}""", "user")]
    [InlineData("prepare_turn", """{"userId":"ana","situation":""}""", "ituation")]
    [InlineData("set_outcome", """{"interventionId":"nope","outcome":"helped"}""", "No live intervention 'nope'")]
    [InlineData("forget_user", "{}", "userId is required (this key is not bound to one user).")]
    public async Task BadArguments_ToolErrorWithOneLine_SameMessageAsTheApi(string tool, string arguments, string expected)
    {
        await using var client = await McpClients.ConnectAsync(server.Fixture, server.Fixture.AdminKey);
        var result = await client.CallToolAsync(tool,
            System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(arguments), cancellationToken: Ct);
        Assert.True(result.IsError);
        var text = result.Text();
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', text);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mcp_WithoutKeyOrWithUnknownKey_Is401()
    {
        using var anonymous = server.Fixture.Client(null);
        var body = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", System.Text.Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "mcp") { Content = body };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(request, Ct)).StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(async () => await McpClients.ConnectAsync(server.Fixture, "rk_unknown"));
    }

    [Fact]
    public async Task BoundKey_DefaultsToItsUser_AndIsRefusedAnother()
    {
        await using var client = await McpClients.ConnectAsync(server.Fixture, await server.Fixture.CreateKeyAsync("mcp-bound", "bo"));
        var prepared = (await client.CallAsync("prepare_turn", new { situation = "I feel stuck" })).Json();
        Assert.Equal("bo", prepared.GetProperty("userId").GetString());
        var refused = await client.CallAsync("get_profile", new { userId = "ana" });
        Assert.True(refused.IsError);
        Assert.Equal("This key is bound to one user and may not touch another.", refused.Text());
    }

    /// <summary>The class's server.</summary>
    public sealed class Server : IAsyncLifetime
    {
        public ServerFixture Fixture { get; private set; } = null!;

        public async ValueTask InitializeAsync() => Fixture = await ServerFixture.StartAsync();

        public ValueTask DisposeAsync() => Fixture.DisposeAsync();
    }
}
