using BenchmarkDotNet.Reports;

namespace Rapport.Benchmarks;

/// <summary>Copies the markdown and JSON reports of a run into <c>bench/results</c>, where they are committed.</summary>
internal static class BenchmarkResults
{
    /// <summary>Gets the repository's <c>bench</c> folder, found from the working directory upwards.</summary>
    public static string BenchFolder { get; } = FindBenchFolder();

    /// <summary>Copies each fully successful suite's reports (one markdown and one JSON file, named after the suite class).</summary>
    /// <remarks>A failed or partial run never replaces the committed results of its suite.</remarks>
    public static void Publish(IEnumerable<Summary> summaries)
    {
        var target = Path.Combine(BenchFolder, "results");
        Directory.CreateDirectory(target);
        foreach (var summary in summaries)
        {
            if (summary.Reports.Length == 0 || !summary.Reports.All(r => r.Success))
            {
                Console.WriteLine($"Not published, some benchmarks failed: {summary.Title}");
                continue;
            }

            var suite = summary.BenchmarksCases[0].Descriptor.Type.FullName!;
            foreach (var report in Directory.EnumerateFiles(summary.ResultsDirectoryPath, suite + "-report*"))
            {
                if (report.EndsWith(".md", StringComparison.Ordinal) || report.EndsWith(".json", StringComparison.Ordinal))
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
