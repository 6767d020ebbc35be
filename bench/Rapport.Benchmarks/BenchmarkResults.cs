using BenchmarkDotNet.Reports;

namespace Rapport.Benchmarks;

/// <summary>Copies the markdown and JSON reports of a run into <c>bench/results</c>, where they are committed.</summary>
internal static class BenchmarkResults
{
    /// <summary>Gets the repository's <c>bench</c> folder, found from the working directory upwards.</summary>
    public static string BenchFolder { get; } = FindBenchFolder();

    /// <summary>Copies the reports written since <paramref name="startedAt"/> (one markdown and one JSON file per suite).</summary>
    public static void Publish(IEnumerable<Summary> summaries, DateTime startedAt)
    {
        var target = Path.Combine(BenchFolder, "results");
        Directory.CreateDirectory(target);
        foreach (var folder in summaries.Select(s => s.ResultsDirectoryPath).Distinct())
        {
            foreach (var report in Directory.EnumerateFiles(folder))
            {
                if ((report.EndsWith(".md", StringComparison.Ordinal) || report.EndsWith(".json", StringComparison.Ordinal))
                    && File.GetLastWriteTimeUtc(report) >= startedAt)
                {
                    var copy = Path.Combine(target, Path.GetFileName(report));
                    File.Copy(report, copy, overwrite: true);
                    Console.WriteLine($"Report: {Path.GetRelativePath(Directory.GetCurrentDirectory(), copy)}");
                }
            }
        }
    }

    private static string FindBenchFolder()
    {
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Rapport.slnx")))
            {
                return Path.Combine(folder.FullName, "bench");
            }
        }

        // Outside the repository (a copied binary): keep everything next to the working directory.
        return Path.Combine(Directory.GetCurrentDirectory(), "bench");
    }
}
