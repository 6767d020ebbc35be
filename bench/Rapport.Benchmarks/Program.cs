using BenchmarkDotNet.Running;

// Run with a short job, for example:
//   dotnet run -c Release --project bench/Rapport.Benchmarks -- --filter '*OfflineScorer*' --job short --inProcess
// (--inProcess: no generated project to build, which times out on a busy 2-core machine)
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
