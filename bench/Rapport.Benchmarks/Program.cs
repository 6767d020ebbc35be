using BenchmarkDotNet.Running;

// Run one suite with a short job, for example:
//   dotnet run -c Release --project bench/Rapport.Benchmarks -- --filter '*HybridSearch*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
