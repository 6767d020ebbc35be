using System.Text.Json;

namespace Rapport.Cli.Tests.Commands;

public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_FreshDataFolderSmallCohort_ExitsZeroAndReportsEveryCoach()
    {
        using var run = new CliRun();
        var data = Path.Combine(run.Home, "demo-data");

        var result = await run.RunAsync("demo", "--users", "6", "--sessions", "3", "--seed", "7", "--data", data, "--json");

        Assert.Equal(0, result.ExitCode);
        var json = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal(3, json.GetProperty("mean").GetArrayLength());
        var seed = json.GetProperty("runs")[0];
        Assert.Equal(6 * 3 * 5, seed.GetProperty("interventions").GetInt64());
        Assert.True(File.Exists(Path.Combine(data, "seed-7", "rapport.db")));
        foreach (var session in json.GetProperty("mean").EnumerateArray())
        {
            Assert.InRange(session.GetProperty("oracle").GetDouble(), 0, 1);
            Assert.InRange(session.GetProperty("rapport").GetDouble(), 0, 1);
        }

        var last = json.GetProperty("mean")[2];
        if (json.GetProperty("shareOfReference").ValueKind == JsonValueKind.Number)
        {
            Assert.Equal(last.GetProperty("gapClosed").GetDouble() / last.GetProperty("typeAwareGapClosed").GetDouble(), json.GetProperty("shareOfReference").GetDouble(), 3);
        }
        else
        {
            Assert.True(last.GetProperty("typeAwareGapClosed").GetDouble() <= 0, "the share of the reference is missing only when the reference closed none of the gap");
        }
    }

    [Fact]
    public async Task Demo_LeavesItsCurvesAndRuns_ThatTheDashboardShowsWithNoOtherStep()
    {
        using var run = new CliRun();

        var result = await run.RunAsync("demo", "--users", "6", "--sessions", "3", "--seed", "7", "--seed", "8");

        Assert.Equal(0, result.ExitCode);
        var runs = Directory.GetFiles(Path.Combine(run.Home, "evaluations"), "demo-*.json");
        Assert.Equal(4, runs.Length);
        // What rapport dashboard starts: dev mode on loopback over the data folder's own store.
        var options = new Rapport.Server.RapportServerOptions
        {
            Home = run.Home, Urls = "http://127.0.0.1:0", Dev = true, DevStore = "sqlite:" + Path.Combine(run.Home, "rapport.db"),
            Embedder = "hashing", LocalTraces = false, Environment = _ => null,
        };
        await using var app = await Rapport.Server.RapportServer.CreateAsync(options, Microsoft.Extensions.Logging.LogLevel.Warning);
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = new Uri(app.Addresses[0].TrimEnd('/') + "/") };
        var learning = await client.GetStringAsync("dashboard/learning", TestContext.Current.CancellationToken);
        var evaluations = await client.GetStringAsync("dashboard/evaluations", TestContext.Current.CancellationToken);
        await app.StopAsync(TestContext.Current.CancellationToken);

        Assert.Contains("data-testid=\"demo-curves\"", learning, StringComparison.Ordinal);
        Assert.Contains("Seed 8", learning, StringComparison.Ordinal);
        foreach (var file in runs)
        {
            Assert.Contains(Path.GetFileNameWithoutExtension(file), evaluations, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Demo_SameSeedTwice_SameRates()
    {
        using var run = new CliRun();
        var first = await run.RunAsync("demo", "--users", "5", "--sessions", "2", "--seed", "3", "--data", Path.Combine(run.Home, "a"), "--json");
        var second = await run.RunAsync("demo", "--users", "5", "--sessions", "2", "--seed", "3", "--data", Path.Combine(run.Home, "b"), "--json");

        Assert.Equal(Rates(first.Output), Rates(second.Output));
    }

    [Fact]
    public async Task Demo_SeedsRunAtOnce_ReportWhatEachSeedReportsAlone()
    {
        using var run = new CliRun();
        var together = await run.RunAsync("demo", "--users", "8", "--sessions", "3", "--seed", "3", "--seed", "4", "--seed", "5", "--data", Path.Combine(run.Home, "all"), "--json");
        Assert.Equal(0, together.ExitCode);
        var runs = JsonDocument.Parse(together.Output).RootElement.GetProperty("runs");
        Assert.Equal([3, 4, 5], runs.EnumerateArray().Select(r => r.GetProperty("seed").GetInt32()));

        foreach (var seed in new[] { 3, 4, 5 })
        {
            var alone = await run.RunAsync("demo", "--users", "8", "--sessions", "3", "--seed", $"{seed}", "--data", Path.Combine(run.Home, $"alone-{seed}"), "--json");
            Assert.Equal(0, alone.ExitCode);
            var expected = JsonDocument.Parse(alone.Output).RootElement.GetProperty("runs")[0];
            var actual = runs[seed - 3];
            Assert.Equal(expected.GetProperty("sessions").GetRawText(), actual.GetProperty("sessions").GetRawText());
            Assert.Equal(expected.GetProperty("interventions").GetInt64(), actual.GetProperty("interventions").GetInt64());
            Assert.Equal(expected.GetProperty("lowQuality").GetInt64(), actual.GetProperty("lowQuality").GetInt64());
        }
    }

    [Fact]
    public async Task Demo_Text_ShowsTheWholeLegend_AndWhatItLeftBehind()
    {
        using var run = new CliRun();
        var data = Path.Combine(run.Home, "demo-data");

        var result = await run.RunAsync("demo", "--users", "4", "--sessions", "2", "--seed", "5", "--data", data);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("o = oracle", result.Output, StringComparison.Ordinal);
        // Both coaches' share of the gap by the last session and Rapport's as a share of the reference's (issue 19).
        // Lines wrap at the terminal's width: compare with every run of white space as one space.
        var words = System.Text.RegularExpressions.Regex.Replace(result.Output, @"\s+", " ");
        Assert.Matches(@"By session 2 Rapport closes -?\d+ ?% of the gap and a learner told each situation's type -?\d+ ?%: (Rapport closes -?\d+ ?% of what the type-aware reference closes|the reference closed none of the gap, so there is no ratio)", words);
        Assert.Matches(@"seed 5: Rapport closes -?\d+ ?% .* the type-aware reference -?\d+ ?%, ratio (-?\d+ ?%|n/a)", words);
        Assert.Contains($"MB in {data}; remove it with: rm -rf '{data}'", result.Output.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_TooManyInterventions_BadInput()
    {
        using var run = new CliRun();

        var result = await run.RunAsync("demo", "--interventions", "6", "--data", Path.Combine(run.Home, "x"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("1-5", result.Error, StringComparison.Ordinal);
    }

    private static string Rates(string output) => JsonDocument.Parse(output).RootElement.GetProperty("mean").GetRawText();
}
