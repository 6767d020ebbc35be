using System.Text.Json;

namespace Rapport.Cli.Tests.Commands;

/// <summary><c>outcome --id</c> takes a unique start or end of an id, as git takes short commit ids (issue 18).</summary>
public sealed class ShortIdTests : IDisposable
{
    private readonly CliRun _cli = new();

    [Fact]
    public async Task Outcome_UniqueEnd_AppliesToThatIntervention_SharedStart_IsAmbiguous_UnknownIsNotFound()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await _cli.RunAsync("remember", "--user", "ana", "--situation", $"exam nerves {i}", "--kind", "breathing", "--text", "Breathe.")).Output.Trim());
        }

        var target = ids[1];
        var applied = await _cli.RunAsync("outcome", "--id", target[^8..], "--outcome", "helped", "--json");
        Assert.True(applied.ExitCode == 0, applied.Error);
        Assert.Equal(target, JsonDocument.Parse(applied.Output).RootElement.GetProperty("id").GetString());
        Assert.Equal("helped", JsonDocument.Parse(applied.Output).RootElement.GetProperty("outcome").GetString());

        // Ids are time-ordered: records made in the same second share their first digits.
        var start = Enumerable.Range(6, 26).Select(n => target[..n]).Last(p => ids.All(id => id.StartsWith(p, StringComparison.Ordinal)));
        var ambiguous = await _cli.RunAsync("outcome", "--id", start, "--outcome", "helped");
        Assert.Equal(2, ambiguous.ExitCode);
        Assert.Contains("ambiguous", ambiguous.Error, StringComparison.Ordinal);
        Assert.All(ids, id => Assert.Contains(id, ambiguous.Error, StringComparison.Ordinal));

        var unknown = await _cli.RunAsync("outcome", "--id", "0000000", "--outcome", "helped");
        Assert.Equal(3, unknown.ExitCode);
        Assert.Single(unknown.Error.Trim().Split('\n'));

        foreach (var bad in (string[])["a b", "abc\u001b[2J", "abc/../x", "--"])
        {
            var rejected = await _cli.RunAsync("outcome", "--id", bad, "--outcome", "helped");
            Assert.True(rejected.ExitCode == 2, $"{bad}: exit {rejected.ExitCode} {rejected.Error}");
        }

        var stats = JsonDocument.Parse((await _cli.RunAsync("stats", "--json")).Output).RootElement;
        Assert.Equal(1, stats.GetProperty("helped").GetInt64());
    }

    public void Dispose() => _cli.Dispose();
}
