using System.Net;
using Microsoft.Extensions.Logging;

namespace Rapport.Server.Tests.Operations;

/// <summary>The request log: one line per request with the route template, status, tenant and key id; no user text, user id or key anywhere in
/// the log, whatever the request carried.</summary>
public sealed class RequestLogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("simple")]
    [InlineData("json")]
    public async Task Requests_AreLoggedWithTenantAndKeyId_NeverUserTextIdsOrKeys(string format)
    {
        var log = new CapturedLog();
        await using var server = await ServerFixture.StartAsync(o =>
        {
            o.LogFormat = format;
            o.ConfigureLogging = l => l.AddProvider(log).SetMinimumLevel(LogLevel.Information);
        });
        var (secret, key) = Rapport.Server.Keys.ApiKeys.Create("logs", null, admin: false, TimeProvider.System);
        await server.App.Keys.AddAsync(key);
        using var client = server.Client(secret);
        var user = "user" + Guid.NewGuid().ToString("N")[..8];
        var marker = "words" + Guid.NewGuid().ToString("N");
        var turn = await Json.PostAsync(client, "v1/turns", new { userId = user, situation = $"I am scared of {marker}" });
        Assert.Equal(HttpStatusCode.OK, turn.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Json.PostAsync(client, "v1/turns", new { userId = "bad id", situation = marker })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"v1/users/{user}/profile?q={marker}", Ct)).StatusCode);
        using (var anonymous = server.Client(null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("v1/stats", Ct)).StatusCode);
        }

        var requests = log.Records.Where(r => r.Category == "Rapport.Server.Operations.RequestLog").ToList();
        var prepare = Assert.Single(requests, r => Equals(r.Fields["Route"], "/v1/turns") && Equals(r.Fields["Status"], 200));
        Assert.Equal(("POST", "logs", key.Id), (prepare.Fields["Method"], prepare.Fields["Tenant"], prepare.Fields["KeyId"]));
        Assert.Contains(requests, r => Equals(r.Fields["Route"], "/v1/users/{userId}/profile") && Equals(r.Fields["KeyId"], key.Id));
        Assert.Contains(requests, r => Equals(r.Fields["Status"], 401) && Equals(r.Fields["Tenant"], "-"));
        var leaks = log.Records.Where(r => r.Message.Contains(marker, StringComparison.Ordinal) || r.Message.Contains(user, StringComparison.Ordinal)
            || r.Message.Contains(secret, StringComparison.Ordinal)).Select(r => $"{r.Category}: {r.Message}");
        Assert.Empty(leaks);
    }

    [Fact]
    public async Task LogFormat_Unknown_IsRefusedAtStart()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => ServerFixture.StartAsync(o => o.LogFormat = "xml"));
        Assert.StartsWith("Unknown log format 'xml': use simple or json.", error.Message, StringComparison.Ordinal);
    }
}
