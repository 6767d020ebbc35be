using BenchmarkDotNet.Running;
using Rapport.Benchmarks;
using Rapport.Benchmarks.Embeddings;

// Measurements BenchmarkDotNet cannot make (a fresh process's start and memory, CPU time): Embeddings/EmbedderProbes.cs.
if (EmbedderProbes.TryRun(args))
{
    return;
}

// Every class with [Benchmark] methods in this assembly is a suite; pick with --filter, for example
//   dotnet run -c Release --project bench/Rapport.Benchmarks -- --filter '*Search*'
// Without --job the short job runs (see bench/README.md): the machine is shared, long jobs are not welcome.
// The offline scorers' wall-clock throughput on all cores (and their CPU time):
//   dotnet run -c Release --project bench/Rapport.Benchmarks -- --scorer-throughput
if (args.Contains("--scorer-throughput"))
{
    Rapport.Benchmarks.Evaluation.OfflineScorerThroughput.Run();
    return;
}

// The behaviour scorer: lexical turns/s and scoring with MiniLM against embedding alone (wall clock, a few seconds):
//   dotnet run -c Release --project bench/Rapport.Benchmarks -- --behaviour-throughput
if (args.Contains("--behaviour-throughput"))
{
    Rapport.Benchmarks.Evaluation.BehaviourThroughput.Run();
    return;
}

// A server's shape: users x memories under a cache bound; peak RSS, hit rate, p99 (Search/ServerLoadProbe.cs):
//   dotnet run -c Release --project bench/Rapport.Benchmarks -- --server-load --users 2000 --memories 1000 --cache-mb 256
if (Rapport.Benchmarks.Search.ServerLoadProbe.TryRun(args))
{
    return;
}

// Rapport's side of the peer comparison (bench/peers/run.sh runs it with faiss, hnswlib and sqlite-vec on the same data).
if (Rapport.Benchmarks.Search.PeerSearchProbe.TryRun(args))
{
    return;
}

// What relearning the similarity learnt from outcomes costs, and a turn's wait for it (Learning/MetricRefreshProbe.cs): -- --metric-refresh
if (Rapport.Benchmarks.Learning.MetricRefreshProbe.TryRun(args))
{
    return;
}

// Whether a snapshot grown by appends searches as fast as one built whole (Search/AppendScanProbe.cs): -- --append-scan
if (Rapport.Benchmarks.Search.AppendScanProbe.TryRun(args))
{
    return;
}

// Where a SQLite search after a write spends its time, in one process (Search/RefreshBreakdownProbe.cs): -- --refresh-breakdown
if (Rapport.Benchmarks.Search.RefreshBreakdownProbe.TryRun(args))
{
    return;
}

// Per-record sizes and scan times that docs/scale.md computes from (Storage/SizeProbe.cs): -- --sizes [--memories 10000]
if (Rapport.Benchmarks.Storage.SizeProbe.TryRun(args))
{
    return;
}

var arguments = args.Contains("--job") || args.Contains("-j") ? args : [.. args, "--job", "short"];
var summaries = BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(arguments, BenchmarkConfig.Create());
BenchmarkResults.Publish(summaries);
