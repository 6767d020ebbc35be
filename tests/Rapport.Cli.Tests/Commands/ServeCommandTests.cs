using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Rapport.Cli.Output;

namespace Rapport.Cli.Tests.Commands;

/// <summary><c>rapport keys</c> and <c>rapport serve</c>, in process, on a private data folder and a free loopback port.</summary>
public sealed class ServeCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Keys_are_created_once_listed_without_the_secret_and_revoked()
    {
        using var run = new CliRun();
        var created = await run.RunAsync("keys", "create", "--tenant", "acme", "--user", "ana");
        Assert.Equal(0, created.ExitCode);
        var secret = created.Output.Trim();
        Assert.StartsWith("rk_", secret, StringComparison.Ordinal);

        var listed = await run.RunAsync("keys", "list");
        Assert.Contains("acme", listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listed.Output, StringComparison.Ordinal);
        var id = Regex.Match(created.Error, "key ([0-9a-f]{12})").Groups[1].Value;
        Assert.Equal(0, (await run.RunAsync("keys", "revoke", id)).ExitCode);
        Assert.Equal(2, (await run.RunAsync("keys", "revoke", id)).ExitCode);

        var bad = await run.RunAsync("keys", "create", "--tenant", "../etc");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("Invalid tenant", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_prints_the_first_admin_key_once_answers_with_it_and_stops_on_cancel()
    {
        using var run = new CliRun();
        using var output = new StringWriter();
        var synchronized = TextWriter.Synchronized(output);
        var console = new CliConsole(synchronized, TextWriter.Synchronized(new StringWriter()), interactive: false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var serving = RapportCli.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--home", run.Home], console, cancellationToken: stop.Token);

        Match url = Match.Empty;
        for (var i = 0; i < 300 && !(url = Regex.Match(output.ToString(), @"serving (http://127\.0\.0\.1:\d+)")).Success; i++)
        {
            Assert.False(serving.IsCompleted, output.ToString());
            await Task.Delay(100, Ct);
        }

        var key = Regex.Match(output.ToString(), @"(rk_[A-Za-z0-9_-]+)").Groups[1].Value;
        using var client = new HttpClient { BaseAddress = new Uri(url.Groups[1].Value) };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/v1/stats", Ct)).StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/stats", Ct)).StatusCode);

        stop.Cancel();
        Assert.Equal(0, await serving);
        Assert.True(File.Exists(Path.Combine(run.Home, "keys.db")));
        Assert.True(File.Exists(Path.Combine(run.Home, "tenants", "default", "rapport.db")));
    }

    [Theory]
    [InlineData("--log-level", "loud", "Invalid --log-level 'loud': use trace, debug, information, warning or error.")]
    [InlineData("--log-format", "xml", "Unknown log format 'xml': use simple or json.")]
    [InlineData("--cache-mb", "0", "--cache-mb must be from 1 to 1048576 MiB (got 0).")]
    [InlineData("--cache-mb", "lots", "--cache-mb must be a whole number")]
    [InlineData("--vectors", "half", "--vectors must be full or compact")]
    public async Task Serve_with_an_unknown_log_setting_says_what_is_accepted_and_does_not_start(string option, string value, string expected)
    {
        using var run = new CliRun();
        var result = await run.RunAsync("serve", "--urls", "http://127.0.0.1:0", option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(run.Home, "keys.db")));
    }
}
