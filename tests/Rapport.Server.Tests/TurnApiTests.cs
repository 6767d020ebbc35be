using System.Net;
using System.Text.Json;

namespace Rapport.Server.Tests;

/// <summary>The turn over real HTTP: prepare, complete, outcome, end of session, and the errors around it.</summary>
public sealed class TurnApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_whole_turn_prepares_completes_records_scores_and_learns_from_the_outcome()
    {
        await using var server = await ServerFixture.StartAsync();
        using var client = server.Client(server.AdminKey);

        var prepared = await Json.PostAsync(client, "v1/turns", new { userId = "ana", sessionId = "s1", situation = "I keep putting off my thesis and feel awful" });
        Assert.Equal(HttpStatusCode.OK, prepared.StatusCode);
        var turn = await Json.ReadAsync(prepared);
        var turnId = turn.GetProperty("turnId").GetString()!;
        Assert.Equal("ana", turn.GetProperty("userId").GetString());
        Assert.NotEmpty(turn.GetProperty("recommendation").GetProperty("ranked").EnumerateArray());

        var completed = await Json.PostAsync(client, $"v1/turns/{turnId}/complete",
            new { response = "That sounds heavy. What is one small step you could take in the next ten minutes?", kind = "small-step" });
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        var intervention = (await Json.ReadAsync(completed)).GetProperty("intervention");
        var id = intervention.GetProperty("id").GetString()!;
        Assert.Equal("small-step", intervention.GetProperty("kind").GetString());
        Assert.NotEmpty(intervention.GetProperty("scores").EnumerateObject());
        Assert.Equal(JsonValueKind.Number, intervention.GetProperty("quality").ValueKind);

        var again = await Json.PostAsync(client, $"v1/turns/{turnId}/complete", new { response = "again" });
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Contains("completed already, expired", (await Json.ReadAsync(again)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var outcome = await Json.PostAsync(client, $"v1/interventions/{id}/outcome", new { outcome = "helped", rating = 5 });
        Assert.Equal(HttpStatusCode.OK, outcome.StatusCode);
        Assert.Equal("helped", (await Json.ReadAsync(outcome)).GetProperty("outcome").GetString());

        var next = await Json.ReadAsync(await Json.PostAsync(client, "v1/turns", new { userId = "ana", sessionId = "s1", situation = "I keep putting off my thesis again" }));
        var hits = next.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("intervention").GetProperty("id").GetString()).ToList();
        Assert.Contains(id, hits);
        var best = next.GetProperty("recommendation").GetProperty("ranked")[0];
        Assert.Equal("small-step", best.GetProperty("kind").GetString());
        Assert.True(best.GetProperty("helped").GetDouble() > 0);

        var ended = await Json.PostAsync(client, "v1/sessions/s1/end", new { userId = "ana" });
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        var end = await Json.ReadAsync(ended);
        Assert.Equal(1, end.GetProperty("reflection").GetProperty("helpedCount").GetInt32());

        var stats = await Json.ReadAsync(await client.GetAsync("v1/stats", Ct));
        Assert.Equal(1, stats.GetProperty("interventions").GetInt64());
        Assert.Equal(1, stats.GetProperty("reflections").GetInt64());
    }

    [Fact]
    public async Task Errors_are_problem_details_with_the_librarys_message()
    {
        await using var server = await ServerFixture.StartAsync();
        using var client = server.Client(server.AdminKey);

        var badUser = await Json.PostAsync(client, "v1/turns", new { userId = "ana smith/../x", situation = "hello" });
        Assert.Equal(HttpStatusCode.BadRequest, badUser.StatusCode);
        Assert.Equal("application/problem+json", badUser.Content.Headers.ContentType?.MediaType);
        var badUserText = await badUser.Content.ReadAsStringAsync(Ct);
        Assert.True(badUserText.Contains("detail", StringComparison.Ordinal), badUserText);
        Assert.Contains(Rapport.Memory.MemoryIds.Accepted, (await Json.ReadAsync(badUser)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var badOutcome = await Json.PostAsync(client, "v1/interventions", new { userId = "ana", situation = "s", kind = "k", text = "t", outcome = "great" });
        Assert.True(badOutcome.StatusCode == HttpStatusCode.BadRequest, await badOutcome.Content.ReadAsStringAsync(Ct));
        Assert.Contains("helped, not-helped or unknown", (await Json.ReadAsync(badOutcome)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var unknownTurn = await Json.PostAsync(client, "v1/turns/01HZZZZZZZZZZZZZZZZZZZZZZZ/complete", new { response = "hi" });
        Assert.Equal(HttpStatusCode.NotFound, unknownTurn.StatusCode);

        var missing = await client.GetAsync("v1/interventions/nope", Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        using var malformed = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");
        var bad = await client.PostAsync("v1/turns", malformed, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);

        var tooLarge = await Json.PostAsync(client, "v1/turns", new { userId = "ana", situation = new string('x', 70_000) });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("64 KiB", (await Json.ReadAsync(tooLarge)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_without_a_valid_key_are_401_and_dev_mode_serves_loopback_without_one()
    {
        await using var server = await ServerFixture.StartAsync();
        using var anonymous = server.Client(null);
        var none = await anonymous.GetAsync("v1/stats", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        using var wrong = server.Client("rk_not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("v1/stats", Ct)).StatusCode);

        var revokedKey = await server.CreateKeyAsync("acme");
        using var revoked = server.Client(revokedKey);
        Assert.Equal(HttpStatusCode.OK, (await revoked.GetAsync("v1/stats", Ct)).StatusCode);
        var id = (await server.App.Keys.ListAsync(Ct)).Single(k => k.Tenant == "acme").Id;
        Assert.True(await server.App.Keys.RevokeAsync(id, DateTimeOffset.UtcNow, Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, (await revoked.GetAsync("v1/stats", Ct)).StatusCode);

        Assert.Throws<ArgumentException>(() => new RapportServerOptions { Dev = true, Urls = "http://0.0.0.0:5180" }.Validate());
        await using var dev = await ServerFixture.StartAsync(o => o.Dev = true);
        using var devClient = dev.Client(null);
        var stats = await devClient.GetAsync("v1/stats", Ct);
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        Assert.Equal("dev", (await Json.ReadAsync(stats)).GetProperty("tenant").GetString());
    }

    [Fact]
    public async Task A_retried_write_with_the_same_idempotency_key_returns_the_first_response_and_records_once()
    {
        await using var server = await ServerFixture.StartAsync();
        using var client = server.Client(server.AdminKey);
        var body = new { userId = "ana", situation = "cannot sleep", kind = "breathing", text = "Try four slow breaths." };

        var first = await Json.PostAsync(client, "v1/interventions", body, "key-1");
        var tasks = Enumerable.Range(0, 5).Select(_ => Json.PostAsync(client, "v1/interventions", body, "key-1"));
        var retries = await Task.WhenAll(tasks);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var firstId = (await Json.ReadAsync(first)).GetProperty("id").GetString();
        foreach (var retry in retries)
        {
            Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
            Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
            Assert.Equal(firstId, (await Json.ReadAsync(retry)).GetProperty("id").GetString());
        }

        var reused = await Json.PostAsync(client, "v1/interventions", new { userId = "ana", situation = "other", kind = "k", text = "t" }, "key-1");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);

        var fresh = await Json.PostAsync(client, "v1/interventions", body, "key-2");
        Assert.NotEqual(firstId, (await Json.ReadAsync(fresh)).GetProperty("id").GetString());

        var stats = await Json.ReadAsync(await client.GetAsync("v1/stats?userId=ana", Ct));
        Assert.Equal(2, stats.GetProperty("interventions").GetInt64());
    }

    [Fact]
    public async Task A_retry_after_the_server_lost_the_first_answer_records_once_under_the_same_id()
    {
        await using var server = await ServerFixture.StartAsync();
        using var client = server.Client(server.AdminKey);
        var body = new { userId = "ana", situation = "cannot sleep", kind = "breathing", text = "Try four slow breaths." };
        var first = await Json.PostAsync(client, "v1/interventions", body, "crash-1");
        var firstId = (await Json.ReadAsync(first)).GetProperty("id").GetString();

        // As after a crash between the write and keeping its answer: the key's claim is gone (its lease ran out), the write is not.
        var stateFiles = Directory.GetFiles(server.Home, "server.db", SearchOption.AllDirectories);
        Assert.NotEmpty(stateFiles);
        foreach (var file in stateFiles)
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False");
            connection.Open();
            using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM idempotency";
            delete.ExecuteNonQuery();
        }

        var retry = await Json.PostAsync(client, "v1/interventions", body, "crash-1");

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.False(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(firstId, (await Json.ReadAsync(retry)).GetProperty("id").GetString());
        var stats = await Json.ReadAsync(await client.GetAsync("v1/stats?userId=ana", Ct));
        Assert.Equal(1, stats.GetProperty("interventions").GetInt64());
    }

    [Fact]
    public async Task A_key_over_its_rate_limit_gets_429_with_retry_after()
    {
        await using var server = await ServerFixture.StartAsync(o => o.RequestsPerWindow = 3);
        using var client = server.Client(server.AdminKey);
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 5; i++)
        {
            var response = await client.GetAsync("v1/stats", Ct);
            statuses.Add(response.StatusCode);
            limited = response.StatusCode == HttpStatusCode.TooManyRequests ? response : limited;
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(int.Parse(limited!.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);

        // Another key has its own budget.
        using var other = server.Client(await server.CreateKeyAsync("default"));
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("v1/stats", Ct)).StatusCode);
    }
}
