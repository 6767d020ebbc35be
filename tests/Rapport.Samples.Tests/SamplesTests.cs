using Microsoft.Data.Sqlite;
using Rapport.Samples;
using Rapport.Sqlite;

namespace Rapport.Samples.Tests;

public sealed class SamplesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-samples-").FullName;

    [Fact]
    public async Task ChatClientSample_SecondTurnsPromptCarriesWhatHelped_AndBothTurnsAreRecordedWithAQuality()
    {
        using var output = new StringWriter();

        await ChatClientSample.RunAsync(output, _folder);

        var text = output.ToString();
        var turns = text.Split("Turn 2:");
        Assert.DoesNotContain("What helped this user before", turns[0], StringComparison.Ordinal);
        Assert.Contains("| - breathing on ", turns[1], StringComparison.Ordinal);
        Assert.Contains("\"I have to present to the whole team tomorrow and my hands are shaking\" (rated 5/5)", turns[1], StringComparison.Ordinal);
        Assert.Contains("Last time box breathing helped you", turns[1], StringComparison.Ordinal);
        Assert.Matches(@"recorded intervention \w+, quality 0\.\d\d", turns[1]);
        Assert.Contains("What Rapport would recommend next time: breathing", text, StringComparison.Ordinal);
        await AssertStoredAsync(2);
    }

    [Fact]
    public async Task AgentFrameworkSample_SecondRunsPromptCarriesWhatHelped_AndBothRunsAreRecordedWithScores()
    {
        using var output = new StringWriter();

        await AgentFrameworkSample.RunAsync(output, _folder);

        var runs = output.ToString().Split("Run 2:");
        Assert.DoesNotContain("What helped this user before", runs[0], StringComparison.Ordinal);
        Assert.Contains("\"My exam starts in an hour and my mind has gone blank\" (rated 4/5)", runs[1], StringComparison.Ordinal);
        Assert.Contains("Last time box breathing helped you", runs[1], StringComparison.Ordinal);
        Assert.Matches(@"kind breathing, quality 0\.\d\d, scores brevity", runs[1]);
        await AssertStoredAsync(2);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task AssertStoredAsync(int interventions)
    {
        await using var store = SqliteMemoryStore.Open(Path.Combine(_folder, "rapport.db"));
        var stats = await store.GetStatsAsync("ana");
        Assert.Equal((interventions, 1L), (stats.Interventions, stats.Helped));
    }
}
