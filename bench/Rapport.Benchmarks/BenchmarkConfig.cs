using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;

namespace Rapport.Benchmarks;

/// <summary>The configuration every suite runs with: median and throughput columns, allocations, markdown and JSON reports.</summary>
/// <remarks>
/// The job (how many launches, warmups and iterations) comes from the command line: <c>--job short</c> (the default
/// of <c>Program</c>) or <c>--job medium</c>. Artifacts go to <c>bench/BenchmarkDotNet.Artifacts</c> (ignored by git);
/// <see cref="BenchmarkResults"/> copies the reports into <c>bench/results</c>.
/// </remarks>
internal static class BenchmarkConfig
{
    public static IConfig Create() =>
        ManualConfig.CreateMinimumViable()
            .AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.OperationsPerSecond)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddExporter(MarkdownExporter.GitHub, JsonExporter.Brief)
            // The machine is shared with other builds: generating and building a suite can take minutes.
            .WithBuildTimeout(TimeSpan.FromMinutes(10))
            .WithArtifactsPath(Path.Combine(BenchmarkResults.BenchFolder, "BenchmarkDotNet.Artifacts"))
            .WithOptions(ConfigOptions.DisableLogFile | ConfigOptions.StopOnFirstError);
}
