using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;

namespace Rapport.Samples.Tests;

/// <summary>
/// Packs every package into a folder feed and runs the README example in a project outside the repository that
/// takes Rapport from that feed, as a user would. Slow (it restores and builds a new project): minutes, not seconds.
/// </summary>
/// <remarks>
/// The packages get a version of their own (<c>0.1.0-packtest.*</c>) so neither a package cached by an earlier run
/// nor one from a registry can stand in for them; those versions are removed from the global packages folder after.
/// </remarks>
public sealed class PackagesTests : IDisposable
{
    private static readonly string[] Libraries =
        ["Rapport", "Rapport.Evaluation", "Rapport.Sqlite", "Rapport.Redis", "Rapport.Embeddings.Onnx", "Rapport.OpenTelemetry", "Rapport.Agents"];

    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-packages-").FullName;
    private readonly string _version = $"0.1.0-packtest.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    [Fact]
    public async Task Pack_EveryLibraryAndTheTool_ConsumedFromAFolderFeed_RunsTheReadmeExampleOnMiniLm()
    {
        BuiltModel.SkipUnlessFetched(); // the tool package carries the model: without it, its pack fails
        var feed = Path.Combine(_folder, "feed");
        var clock = Stopwatch.StartNew();
        var pack = await DotnetProcess.RunAsync(Repository.Root, TimeSpan.FromMinutes(5),
            "pack", "Rapport.slnx", "--no-build", "-c", Repository.Configuration, "-o", feed, $"-p:Version={_version}", "-nologo");
        Assert.True(pack.ExitCode == 0, pack.ToString());
        var packed = clock.Elapsed;

        var packages = Directory.GetFiles(feed, "*.nupkg").Select(Path.GetFileName).Order().ToList();
        Assert.Equal([.. Libraries.Append("Rapport.Cli").Select(id => $"{id}.{_version}.nupkg").Order()], packages);
        foreach (var id in Libraries.Append("Rapport.Cli"))
        {
            AssertPackageMetadata(Path.Combine(feed, $"{id}.{_version}.nupkg"), id);
        }

        using (var onnx = ZipFile.OpenRead(Path.Combine(feed, $"Rapport.Embeddings.Onnx.{_version}.nupkg")))
        {
            Assert.NotNull(onnx.GetEntry("buildTransitive/Rapport.Embeddings.Onnx.targets"));
        }

        var consumer = CreateConsumer(feed);
        var run = await DotnetProcess.RunAsync(consumer, TimeSpan.FromMinutes(8), "run", "-c", "Release");
        TestContext.Current.TestOutputHelper?.WriteLine($"pack {packed.TotalSeconds:0} s, consumer restore+build+run {(clock.Elapsed - packed).TotalSeconds:0} s");

        ReadmeOutput.AssertRanOnMiniLm(run with { Output = WithoutBuildOutput(run.Output) });
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in Libraries.Append("Rapport.Cli"))
        {
            var cached = Path.Combine(cache, id.ToLowerInvariant(), _version);
            if (Directory.Exists(cached))
            {
                Directory.Delete(cached, recursive: true);
            }

            if (Directory.Exists(Path.GetDirectoryName(cached)) && !Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(cached)!).Any())
            {
                Directory.Delete(Path.GetDirectoryName(cached)!);
            }
        }
    }

    private static void AssertPackageMetadata(string package, string id)
    {
        using var zip = ZipFile.OpenRead(package);
        using var nuspecStream = zip.GetEntry($"{id}.nuspec")!.Open();
        var metadata = XDocument.Load(nuspecStream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Field(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.Equal(id, Field("id"));
        Assert.False(string.IsNullOrWhiteSpace(Field("description")), $"{id} has no description");
        Assert.Contains("memory", Field("tags") ?? "", StringComparison.Ordinal);
        Assert.Equal("README.md", Field("readme"));
        using var readme = new StreamReader(zip.GetEntry("README.md")!.Open());
        Assert.StartsWith($"# {id}\n", readme.ReadToEnd().ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    /// <summary>A console project in the temporary folder (no Directory.Build.props, no central versions above it) whose only source of Rapport is the feed.</summary>
    private string CreateConsumer(string feed)
    {
        var consumer = Directory.CreateDirectory(Path.Combine(_folder, "consumer")).FullName;
        var dependencyInjection = XDocument.Load(Path.Combine(Repository.Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .Single(p => (string?)p.Attribute("Include") == "Microsoft.Extensions.DependencyInjection").Attribute("Version")!.Value;
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Rapport.Sqlite" Version="{_version}" />
                <PackageReference Include="Rapport.Embeddings.Onnx" Version="{_version}" />
                <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="{dependencyInjection}" />
              </ItemGroup>
            </Project>
            """);
        // The feed is added to the machine's own package sources, which serve the third-party dependencies.
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="rapport-packtest" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.Copy(Path.Combine(Repository.ReadmeSampleFolder, "Program.cs"), Path.Combine(consumer, "Program.cs"));
        File.WriteAllText(Path.Combine(consumer, "global.json"), File.ReadAllText(Path.Combine(Repository.Root, "global.json")));
        return consumer;
    }

    /// <summary>`dotnet run` prints the build's messages (such as the model step's) before the program's own output.</summary>
    private static string WithoutBuildOutput(string output) =>
        string.Join('\n', output.ReplaceLineEndings("\n").Split('\n').SkipWhile(line => !line.StartsWith("remembered ", StringComparison.Ordinal)));
}
