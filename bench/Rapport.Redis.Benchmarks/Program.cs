using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Running;
using Rapport.Redis.Benchmarks;

// The Redis suites need a server: bench/redis/run.sh starts a private one, measures redis-benchmark on it, then runs
// these suites against it (RAPPORT_BENCH_REDIS=host:port) and writes the ratio. "payload-size" prints the bytes one
// recorded intervention sends, so that redis-benchmark can use the same payload.
if (args is ["payload-size"])
{
    Console.WriteLine(RedisBenchmarkData.PayloadBytes());
    return;
}

var arguments = args.Contains("--job") || args.Contains("-j") ? args : [.. args, "--job", "short"];
var config = ManualConfig.CreateMinimumViable()
    .AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.OperationsPerSecond)
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddExporter(MarkdownExporter.GitHub, JsonExporter.Brief)
    .WithBuildTimeout(TimeSpan.FromMinutes(10))
    .WithOptions(ConfigOptions.DisableLogFile | ConfigOptions.StopOnFirstError);
BenchmarkSwitcher.FromAssembly(typeof(RedisBenchmarkData).Assembly).Run(arguments, config);
