using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Rapport.Embeddings.Benchmarks;

// `--startup`: one line with the time to a first vector and the resident memory of this fresh process.
// Anything else goes to BenchmarkDotNet. The default job is short: the machine is shared by several agents.
if (args.Contains("--startup-steps"))
{
    StartupBreakdown.Run();
    return;
}

if (args.Contains("--startup"))
{
    StartupProbe.Run();
    return;
}

var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithId("short").AsDefault());
BenchmarkSwitcher.FromAssembly(typeof(MiniLmEmbeddingBenchmarks).Assembly).Run(args, config);
