using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Rapport.Embeddings.Benchmarks;

// `--startup`: one line with the time to a first vector and the resident memory of this fresh process.
// Anything else goes to BenchmarkDotNet. The default job is short: the machine is shared by several agents.
if (args.Contains("--cpu"))
{
    CpuCostProbe.Run();
    return;
}

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

// In process: building a separate benchmark project takes minutes on the shared machine (and timed out there).
var config = DefaultConfig.Instance.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("short").AsDefault());
BenchmarkSwitcher.FromAssembly(typeof(MiniLmEmbeddingBenchmarks).Assembly).Run(args, config);
