namespace Rapport.Samples.Tests;

/// <summary>What the README example prints when it runs as the README says: MiniLM embeddings, and the helpful memory recalled.</summary>
internal static class ReadmeOutput
{
    public static void AssertRanOnMiniLm(DotnetProcess.Result run)
    {
        if (run.Error.Contains("falls back to the hashing embedder", StringComparison.Ordinal))
        {
            Assert.Skip($"The MiniLM model was not fetched at build time (npm missing or offline), so the example ran on the hashing embedder: {run.Error.Trim()}");
        }

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("remembered breathing, embedded by all-MiniLM-L6-v2", lines[0]);
        var hit = Assert.Single(lines[1..]);
        Assert.Matches(@"^(0\.\d\d|1\.00) breathing: Let's take three slow breaths together\.$", hit);
        Assert.Equal(string.Empty, run.Error.Trim());
    }
}
