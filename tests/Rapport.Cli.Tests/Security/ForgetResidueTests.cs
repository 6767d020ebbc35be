using Rapport.Cli.Tests.Fixtures;
using Rapport.Storage.Conformance;
using Rapport.Telemetry;

namespace Rapport.Cli.Tests.Security;

/// <summary>After <c>rapport forget</c>, no byte of the user is left in any file under the data folder: the store, its WAL
/// and free pages, and the trace store, with user text in spans turned on (issue 16, acceptance 2).</summary>
public sealed class ForgetResidueTests : IDisposable
{
    private const string User = "residue-ana-5c1e";
    private const string Situation = "quokka-situation-secret-71";
    private const string Text = "quokka-text-secret-72";
    private const string Session = "quokka-session-73";
    private readonly string _home = Directory.CreateTempSubdirectory("rapport-forget-residue-").FullName;

    [Fact]
    public async Task Forget_SqliteStoreAndSensitiveTraces_NoByteOfTheUserInAnyFile()
    {
        var environment = new Dictionary<string, string?>
        {
            ["RAPPORT_HOME"] = _home,
            ["RAPPORT_EMBEDDER"] = "hashing",
            ["RAPPORT_TELEMETRY_SENSITIVE"] = "true",
        };
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var stored = await CliProcess.RunAsync(environment, "remember", "--user", User, "--session", Session,
                "--situation", $"{Situation} {i}", "--kind", "breathing", "--text", $"{Text} {i}");
            Assert.True(stored.ExitCode == 0, stored.Error);
            ids.Add(stored.Output.Trim());
        }

        // Another user's record stays, so the files keep live pages next to the freed ones.
        Assert.Equal(0, (await CliProcess.RunAsync(environment, "remember", "--user", "ben", "--situation", "other", "--kind", "k", "--text", "t")).ExitCode);
        Assert.Equal(0, (await CliProcess.RunAsync(environment, "outcome", "--id", ids[0], "--outcome", "helped")).ExitCode);
        Assert.Equal(0, (await CliProcess.RunAsync(environment, "recall", "--user", User, "--query", Situation)).ExitCode);
        var hash = UserIdPseudonymizer.ForHome(_home).Pseudonymize(User);
        string[] secrets = [User, Situation, Text, Session, hash, .. ids];
        Assert.NotEmpty(ResidueScan.Find(_home, secrets));
        // RAPPORT_TELEMETRY_SENSITIVE reaches the local trace store: the user's words are in traces.db (or its WAL) before forget.
        Assert.Contains(ResidueScan.Find(_home, Situation), f => f.Contains("traces.db", StringComparison.Ordinal));

        var forget = await CliProcess.RunAsync(environment, "forget", "--user", User, "--yes");

        Assert.True(forget.ExitCode == 0, forget.Error);
        Assert.Empty(ResidueScan.Find(_home, secrets));
        var stats = System.Text.Json.JsonDocument.Parse((await CliProcess.RunAsync(environment, "stats", "--json")).Output).RootElement;
        Assert.Equal(1, stats.GetProperty("interventions").GetInt64());
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
