using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Rapport.Benchmarks;

/// <summary>A short job run in process: a shared 2-core machine has neither the time for long runs nor for
/// BenchmarkDotNet's separate build of each job (it times out under load).</summary>
public sealed class ShortJobConfig : ManualConfig
{
    public ShortJobConfig()
    {
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumnProvider(DefaultConfig.Instance.GetColumnProviders().ToArray());
        AddLogger(DefaultConfig.Instance.GetLoggers().ToArray());
        AddExporter(DefaultConfig.Instance.GetExporters().ToArray());
        AddColumn(BenchmarkDotNet.Columns.StatisticColumn.Median, BenchmarkDotNet.Columns.StatisticColumn.P95);
    }
}
