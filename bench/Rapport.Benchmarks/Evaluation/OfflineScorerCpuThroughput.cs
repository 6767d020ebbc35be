using System.Diagnostics;

namespace Rapport.Benchmarks.Evaluation;

/// <summary>Scores the benchmark's 1,000 cases repeatedly on all cores and reports wall-clock and CPU-time throughput.</summary>
/// <remarks>CPU time (user + system of this process) is what the scorers cost whatever else the machine runs;
/// cases per CPU-second times the core count is the throughput an unshared machine would reach.</remarks>
internal static class OfflineScorerCpuThroughput
{
    public static void Run(int rounds = 40)
    {
        var bench = new OfflineScorerBenchmarks();
        bench.Setup();
        for (var i = 0; i < 5; i++)
        {
            bench.Parallel2(); // warm up: tiered JIT, regex construction
        }

        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++)
        {
            bench.Parallel2();
        }

        wall.Stop();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var cases = rounds * 1000;
        Console.WriteLine($"cases: {cases}, cores: {Environment.ProcessorCount}");
        Console.WriteLine($"wall: {wall.Elapsed.TotalSeconds:0.00} s -> {cases / wall.Elapsed.TotalSeconds:0} cases/s");
        Console.WriteLine($"cpu:  {cpu.TotalSeconds:0.00} s -> {cases / cpu.TotalSeconds:0} cases per CPU-second, x{Environment.ProcessorCount} cores = {cases / cpu.TotalSeconds * Environment.ProcessorCount:0} cases/s unshared");
    }
}
