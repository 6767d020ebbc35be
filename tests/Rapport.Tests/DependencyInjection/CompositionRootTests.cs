namespace Rapport.Tests.DependencyInjection;

/// <summary>One composition root: hosts and samples resolve the loop and the coach from <c>AddRapport</c>, never build them (issue 13).</summary>
public sealed class CompositionRootTests
{
    [Fact]
    public void SourcesAndSamples_BuildTheLoopAndTheCoachOnlyInAddRapport()
    {
        var root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "Rapport.slnx")))
        {
            root = Path.GetDirectoryName(root);
        }

        Assert.SkipWhen(root is null, "The source tree (Rapport.slnx) is not above the test's folder.");
        var registration = Path.Combine(root!, "src", "Rapport", "DependencyInjection", "RapportServiceCollectionExtensions.cs");
        var offenders = new[] { "src", "samples" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root!, folder), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && f != registration)
            .Where(f => File.ReadAllText(f) is var text
                && (text.Contains("new RapportLoop(", StringComparison.Ordinal) || text.Contains("new RapportCoach(", StringComparison.Ordinal)))
            .Select(f => Path.GetRelativePath(root!, f))
            .ToList();

        Assert.Empty(offenders);
        Assert.Contains("new RapportLoop(", File.ReadAllText(registration), StringComparison.Ordinal);
    }
}
