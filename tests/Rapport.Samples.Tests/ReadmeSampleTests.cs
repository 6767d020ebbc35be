namespace Rapport.Samples.Tests;

public sealed class ReadmeSampleTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rapport-readme-").FullName;

    [Fact]
    public void ReadmeExample_IsTheReadmeSampleProgram()
    {
        var program = File.ReadAllText(Path.Combine(Repository.ReadmeSampleFolder, "Program.cs")).ReplaceLineEndings("\n");

        Assert.Equal(Repository.ReadmeExample(), program);
    }

    [Fact]
    public async Task ReadmeSample_RecordsAndRecallsWithMiniLm()
    {
        var program = Path.Combine(Repository.ReadmeSampleFolder, "bin", Repository.Configuration, "net10.0", "Rapport.Samples.Readme.dll");

        var run = await DotnetProcess.RunAsync(_folder, TimeSpan.FromMinutes(2), program);

        ReadmeOutput.AssertRanOnMiniLm(run);
        Assert.True(File.Exists(Path.Combine(_folder, "rapport.db")), "the example's store ./rapport.db is in the working folder");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
