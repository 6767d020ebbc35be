using System.Net;

namespace Rapport.Server.Tests.Evaluations;

/// <summary>Two servers on one redis-server: a run started through one is listed and shown by the other.</summary>
public sealed class EvaluationInstancesTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunStartedOnOneInstance_IsSeenByTheOther()
    {
        if (redis.Endpoint is null)
        {
            Assert.Skip("redis-server is not installed");
        }

        await using var one = await ServerFixture.StartAsync(o => o.Store = "redis:" + redis.Endpoint);
        await using var two = await ServerFixture.StartAsync(o => o.Store = "redis:" + redis.Endpoint);
        var key = await one.CreateKeyAsync("shared-evals");
        using var a = one.Client(key);
        using var b = two.Client(key);
        var started = await Json.PostAsync(a, "v1/evaluations", new
        {
            dataset = """{"id":"c1","situation":"I am nervous about the interview"}""",
            responses = """{"id":"c1","response":"What worries you most about it?"}""",
        });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var id = (await Json.ReadAsync(started)).GetProperty("id").GetString()!;
        Assert.Equal(id, Assert.Single((await Json.ReadAsync(await b.GetAsync("v1/evaluations", Ct))).EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync($"v1/evaluations/{id}", Ct)).StatusCode);
    }
}
