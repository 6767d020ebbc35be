using System.Net;
using System.Text.Json;

namespace Rapport.Server.Tests.Evaluations;

/// <summary>/v1/evaluations on a real server: start over recorded responses, list, show, compare; tenants apart; clear 4xx for what is not
/// configured or not valid. One server for the class.</summary>
public sealed class EvaluationEndpointsTests(EvaluationEndpointsTests.Server server) : IClassFixture<EvaluationEndpointsTests.Server>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Dataset = """
        {"id":"c1","situation":"I failed my driving test again and I feel useless."}
        {"id":"c2","situation":"My sister and I argued and now she won't talk to me."}
        {"id":"c3","situation":"I can't focus at work since the move."}
        """;

    private const string Warm = """
        {"id":"c1","response":"That sounds really discouraging. What part of the test felt hardest?"}
        {"id":"c2","response":"That silence must hurt. Would it help to think about what you might say to her?"}
        {"id":"c3","response":"A move shakes up a lot. What has changed most in your days?"}
        """;

    private const string Lecturing = """
        {"id":"c1","response":"You must practise more. Everyone passes eventually; stop being negative and book another test today, and also read the manual twice, and watch videos."}
        {"id":"c2","response":"You should apologise immediately. Arguments are always both people's fault and you need to fix it now."}
        {"id":"c3","response":"You need to make a schedule, go to bed earlier, drink less coffee and stop complaining about the move."}
        """;

    [Fact]
    public async Task StartListShowCompare_RecordedResponses_RunsAreSavedAndComparable()
    {
        using var client = server.Fixture.Client(await server.Fixture.CreateKeyAsync("evals-a"));
        var warm = await Json.PostAsync(client, "v1/evaluations", new { dataset = Dataset, name = "coaching", responses = Warm });
        Assert.Equal(HttpStatusCode.Created, warm.StatusCode);
        var warmRun = await Json.ReadAsync(warm);
        var warmId = warmRun.GetProperty("id").GetString()!;
        Assert.Equal($"/v1/evaluations/{warmId}", warm.Headers.Location?.OriginalString);
        Assert.Equal((3, "coaching", 0), (warmRun.GetProperty("cases").GetInt32(), warmRun.GetProperty("datasetName").GetString(), warmRun.GetProperty("targetErrors").GetInt32()));

        var lecturing = await Json.ReadAsync(await Json.PostAsync(client, "v1/evaluations", new { dataset = Dataset, name = "coaching", responses = Lecturing, scorers = new[] { "quality" } }));
        var lecturingId = lecturing.GetProperty("id").GetString()!;

        var list = (await Json.ReadAsync(await client.GetAsync("v1/evaluations", Ct))).EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Equal(2, list.Count);
        Assert.Contains(warmId, list);
        Assert.Contains(lecturingId, list);

        var shown = await Json.ReadAsync(await client.GetAsync($"v1/evaluations/{warmId}", Ct));
        Assert.Equal(["c1", "c2", "c3"], shown.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("caseId").GetString()));
        Assert.StartsWith("That sounds really discouraging", shown.GetProperty("cases")[0].GetProperty("response").GetString(), StringComparison.Ordinal);

        var compared = await Json.ReadAsync(await client.GetAsync($"v1/evaluations/compare?runs={warmId},{lecturingId}", Ct));
        Assert.Equal(warmId, compared.GetProperty("runs")[0].GetProperty("id").GetString());
        var quality = compared.GetProperty("metricChanges").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == "quality");
        Assert.True(quality.GetProperty("meanDelta").GetDouble() < 0, "the lecturing responses should score lower on quality than the warm ones");

        // Another tenant sees none of it.
        using var other = server.Fixture.Client(await server.Fixture.CreateKeyAsync("evals-b"));
        Assert.Empty((await Json.ReadAsync(await other.GetAsync("v1/evaluations", Ct))).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"v1/evaluations/{warmId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"v1/evaluations/compare?runs={warmId},{lecturingId}", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("""{"dataset":"{\"id\":\"c1\",\"situation\":\"hi\"}","target":"chat"}""", "No chat target is configured on this server")]
    [InlineData("""{"dataset":"{\"id\":\"c1\",\"situation\":\"hi\"}"}""", "1 case(s) of the dataset are not transcripts")]
    [InlineData("""{"dataset":"not json"}""", "line 1")]
    [InlineData("""{"dataset":"{\"id\":\"c1\",\"situation\":\"hi\"}","responses":"{\"id\":\"c1\",\"response\":\"x\"}","scorers":["supportiveness-judge"]}""", "needs a judge model")]
    [InlineData("""{"dataset":"{\"id\":\"c1\",\"situation\":\"hi\"}","responses":"{\"id\":\"c1\",\"response\":\"x\"}","scorers":["kindness"]}""", "Unknown scorer 'kindness'")]
    [InlineData("""{"dataset":"{\"id\":\"c1\",\"situation\":\"hi\"}","responses":"{\"id\":\"c1\",\"response\":\"x\"}","parallel":0}""", "parallel must be 1-64")]
    [InlineData("""{"dataset":"{\"id\":\"c1\",\"situation\":\"hi\"}","target":"robot"}""", "Invalid target 'robot': use recorded")]
    public async Task Start_InvalidOrNotConfigured_Is400WithOneClearLine_AndSavesNothing(string body, string expected)
    {
        using var client = server.Fixture.Client(await server.Fixture.CreateKeyAsync("evals-bad"));
        var response = await client.PostAsync("v1/evaluations", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await Json.ReadAsync(response)).GetProperty("detail").GetString()!;
        Assert.Contains(expected, detail, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', detail);
        Assert.Empty((await Json.ReadAsync(await client.GetAsync("v1/evaluations", Ct))).EnumerateArray());
    }

    [Fact]
    public async Task Evaluations_KeyBoundToAUser_Is403_AndUnknownRunIs404()
    {
        using var bound = server.Fixture.Client(await server.Fixture.CreateKeyAsync("evals-c", "ana"));
        Assert.Equal(HttpStatusCode.Forbidden, (await bound.GetAsync("v1/evaluations", Ct)).StatusCode);
        using var client = server.Fixture.Client(await server.Fixture.CreateKeyAsync("evals-c"));
        var missing = await client.GetAsync("v1/evaluations/run-nope", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("No evaluation run 'run-nope'", (await Json.ReadAsync(missing)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_BodyAboveTheGeneralLimit_IsAcceptedForEvaluationsOnly()
    {
        using var client = server.Fixture.Client(await server.Fixture.CreateKeyAsync("evals-d"));
        var reference = new string('r', 100_000);
        var dataset = JsonSerializer.Serialize(new { id = "c1", situation = "I feel stuck", reference });
        var started = await Json.PostAsync(client, "v1/evaluations", new { dataset, responses = """{"id":"c1","response":"What feels most stuck?"}""" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var turn = await Json.PostAsync(client, "v1/turns", new { userId = "ana", situation = reference });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, turn.StatusCode);
    }

    /// <summary>The class's server.</summary>
    public sealed class Server : IAsyncLifetime
    {
        public ServerFixture Fixture { get; private set; } = null!;

        public async ValueTask InitializeAsync() => Fixture = await ServerFixture.StartAsync();

        public ValueTask DisposeAsync() => Fixture.DisposeAsync();
    }
}
