using BenchmarkDotNet.Running;
using Rapport.Benchmarks;

// Every class with [Benchmark] methods in this assembly is a suite; pick with --filter, for example
//   dotnet run -c Release --project bench/Rapport.Benchmarks -- --filter '*Search*'
// Without --job the short job runs (see bench/README.md): the machine is shared, long jobs are not welcome.
var arguments = args.Contains("--job") || args.Contains("-j") ? args : [.. args, "--job", "short"];
var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(arguments, BenchmarkConfig.Create());
BenchmarkResults.Publish(summaries);
