using System.IO.Compression;
using System.Text.Json;

namespace Rapport.Samples.Tests;

/// <summary>
/// Issue 18, acceptance 3: `dotnet pack` the CLI, `dotnet tool install` it into an empty tool path with an empty package
/// cache, then `rapport remember` and `rapport recall` as a new user: MiniLM embeds them (the model comes inside the tool
/// package) and no fallback warning is printed. Packs once (about 20 s) and installs once.
/// </summary>
/// <remarks>The tool runs with a fresh HOME and XDG_CACHE_HOME, so the model the build fetched into the cache cannot stand
/// in for the packaged one; the package gets a version of its own so no cached package can either.</remarks>
public sealed class ToolPackageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-tool-").FullName;
    private readonly string _version = $"0.1.0-tooltest.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    [Fact]
    public async Task PackAndInstall_IntoAnEmptyToolPathWithAnEmptyCache_RemembersAndRecallsOnMiniLm()
    {
        BuiltModel.SkipUnlessFetched();
        var feed = Path.Combine(_folder, "feed");
        var tools = Path.Combine(_folder, "tools");
        var packages = Directory.CreateDirectory(Path.Combine(_folder, "nuget-packages")).FullName;
        var home = Directory.CreateDirectory(Path.Combine(_folder, "home")).FullName;

        // Its own publish folder: PackagesTests packs the same project at the same time.
        var pack = await DotnetProcess.RunAsync(Repository.Root, TimeSpan.FromMinutes(4),
            "pack", Path.Combine("src", "Rapport.Cli", "Rapport.Cli.csproj"), "--no-build", "-c", Repository.Configuration, "-o", feed,
            $"-p:Version={_version}", $"-p:PublishDir={Path.Combine(_folder, "publish")}{Path.DirectorySeparatorChar}", "-nologo");
        Assert.True(pack.ExitCode == 0, pack.ToString());
        using (var package = ZipFile.OpenRead(Path.Combine(feed, $"Rapport.Cli.{_version}.nupkg")))
        {
            Assert.Equal(45_441_937, package.GetEntry("tools/net10.0/any/models/all-MiniLM-L6-v2/model.fp16.safetensors")?.Length);
            Assert.NotNull(package.GetEntry("tools/net10.0/any/MODEL-NOTICE.txt"));
            Assert.DoesNotContain(package.Entries, e => e.FullName.Contains("/runtimes/ios/", StringComparison.Ordinal));
        }

        var install = await DotnetProcess.RunProgramAsync("dotnet", _folder, TimeSpan.FromMinutes(3),
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = packages },
            "tool", "install", "Rapport.Cli", "--tool-path", tools, "--add-source", feed, "--version", _version);
        Assert.True(install.ExitCode == 0, install.ToString());

        var user = new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["XDG_CACHE_HOME"] = Path.Combine(home, ".cache"),
            ["LOCALAPPDATA"] = Path.Combine(home, "local"),
            ["RAPPORT_HOME"] = Path.Combine(home, "rapport"),
            ["NUGET_PACKAGES"] = packages,
        };
        var rapport = Path.Combine(tools, OperatingSystem.IsWindows() ? "rapport.exe" : "rapport");
        Task<DotnetProcess.Result> Rapport(params string[] arguments) => DotnetProcess.RunProgramAsync(rapport, home, TimeSpan.FromMinutes(1), user, arguments);

        var remember = await Rapport("remember", "--user", "ana", "--situation", "I feel anxious about my exam", "--kind", "breathing", "--text", "Let's breathe together.");
        Assert.True(remember.ExitCode == 0, remember.ToString());
        Assert.Matches("^[0-9a-f]{32}$", remember.Output.Trim());
        Assert.Equal(string.Empty, remember.Error.Trim());

        var recall = await Rapport("recall", "--user", "ana", "--query", "nervous about the test", "--json");
        Assert.True(recall.ExitCode == 0, recall.ToString());
        Assert.DoesNotContain("falls back to the hashing embedder", recall.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, recall.Error.Trim());
        using var hits = JsonDocument.Parse(recall.Output);
        var hit = Assert.Single(hits.RootElement.EnumerateArray());
        Assert.Equal(remember.Output.Trim(), hit.GetProperty("id").GetString());
        Assert.Equal("all-MiniLM-L6-v2", hit.GetProperty("embeddingModel").GetString());
        Assert.Equal(384, hit.GetProperty("embeddingDimensions").GetInt32());
        // Meaning, not shared words: the query shares none with the situation, which a hashing embedder would score near 0.
        Assert.True(hit.GetProperty("similarity").GetDouble() > 0.4, recall.Output);

        var doctor = await Rapport("doctor", "--json");
        using var checks = JsonDocument.Parse(doctor.Output);
        var model = checks.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "model files");
        Assert.Equal("ok", model.GetProperty("status").GetString());
        Assert.Contains("(shipped with the tool)", model.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(home, ".cache", "rapport", "models")), "the tool fetched or copied the model into the cache");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
