using System.Net;
using Rapport.Server.Tests.Fixtures;

namespace Rapport.Server.Tests;

/// <summary>Two servers on one private redis-server: the same keys authenticate on both, a write through one is read through the
/// other, a turn prepared on one completes on the other, and retries with one <c>Idempotency-Key</c> through both record once.</summary>
public sealed class RedisInstancesTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_instances_on_one_redis_share_keys_tenants_data_and_prepared_turns()
    {
        redis.SkipIfMissing();
        await using var one = await ServerFixture.StartAsync(o => o.Store = redis.Store);
        await using var two = await ServerFixture.StartAsync(o => o.Store = redis.Store);
        Assert.Null(two.App.FirstAdminKey);

        var key = await one.CreateKeyAsync("acme");
        using var a = one.Client(key);
        using var b = two.Client(key);
        var turn = await Json.ReadAsync(await Json.PostAsync(a, "v1/turns", new { userId = "ana", situation = "I am anxious about tomorrow" }));
        var done = await Json.PostAsync(b, $"v1/turns/{turn.GetProperty("turnId").GetString()}/complete", new { response = "What would help you feel ready?" });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var id = (await Json.ReadAsync(done)).GetProperty("intervention").GetProperty("id").GetString();

        var read = await a.GetAsync($"v1/interventions/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(1, (await Json.ReadAsync(await a.GetAsync("v1/stats", Ct))).GetProperty("interventions").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound,
            (await Json.PostAsync(a, $"v1/turns/{turn.GetProperty("turnId").GetString()}/complete", new { response = "again" })).StatusCode);

        using var other = two.Client(await two.CreateKeyAsync("other"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"v1/interventions/{id}", Ct)).StatusCode);
        Assert.Equal(0, (await Json.ReadAsync(await other.GetAsync("v1/stats", Ct))).GetProperty("interventions").GetInt64());
    }

    [Fact]
    public async Task Concurrent_retries_with_one_idempotency_key_through_both_instances_record_once()
    {
        redis.SkipIfMissing();
        await using var one = await ServerFixture.StartAsync(o => o.Store = redis.Store);
        await using var two = await ServerFixture.StartAsync(o => o.Store = redis.Store);
        var key = await one.CreateKeyAsync("retries");
        using var a = one.Client(key);
        using var b = two.Client(key);
        var body = new { userId = "ben", situation = "Work is piling up", kind = "plan", text = "List the three things due first." };

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Json.PostAsync(i % 2 == 0 ? a : b, "v1/interventions", body, "write-1")));

        Assert.All(answers, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(answers.Select(async r => (await Json.ReadAsync(r)).GetProperty("id").GetString()));
        Assert.Single(ids.Distinct());
        Assert.Equal(5, answers.Count(r => r.Headers.Contains("Idempotent-Replayed")));
        Assert.Equal(1, (await Json.ReadAsync(await b.GetAsync("v1/stats", Ct))).GetProperty("interventions").GetInt64());

        var reused = await Json.PostAsync(a, "v1/interventions", body with { text = "Something else." }, "write-1");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
    }

    [Fact]
    public async Task Forget_through_one_instance_drops_the_users_waiting_turns_and_stored_responses_on_the_other()
    {
        redis.SkipIfMissing();
        await using var one = await ServerFixture.StartAsync(o => o.Store = redis.Store);
        await using var two = await ServerFixture.StartAsync(o => o.Store = redis.Store);
        using var a = one.Client(await one.CreateKeyAsync("forgets"));
        using var b = two.Client(await one.CreateKeyAsync("forgets"));
        var turn = await Json.ReadAsync(await Json.PostAsync(a, "v1/turns", new { userId = "cy", situation = "I cannot sleep" }, "prep-1"));

        Assert.Equal(HttpStatusCode.OK, (await b.DeleteAsync("v1/users/cy", Ct)).StatusCode);

        var complete = await Json.PostAsync(a, $"v1/turns/{turn.GetProperty("turnId").GetString()}/complete", new { response = "Try a wind-down routine." });
        Assert.Equal(HttpStatusCode.NotFound, complete.StatusCode);
        var again = await Json.PostAsync(a, "v1/turns", new { userId = "cy", situation = "I cannot sleep" }, "prep-1");
        Assert.False(again.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual(turn.GetProperty("turnId").GetString(), (await Json.ReadAsync(again)).GetProperty("turnId").GetString());
    }
}
