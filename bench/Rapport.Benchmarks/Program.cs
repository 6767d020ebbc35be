using BenchmarkDotNet.Running;
using Rapport.Benchmarks.Evaluation;

// Run with a short job, for example:
//   dotnet run -c Release --project bench/Rapport.Benchmarks -- --filter '*OfflineScorer*' --job short --inProcess
// (--inProcess: no generated project to build, which times out on a busy 2-core machine)
// On a shared, overloaded machine wall-clock numbers understate throughput; this prints cases per CPU-second too:
//   dotnet run -c Release --project bench/Rapport.Benchmarks -- --cpu-throughput
if (args.Contains("--cpu-throughput"))
{
    OfflineScorerCpuThroughput.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
