using System.Diagnostics;

namespace Rapport.Benchmarks.Evaluation;

/// <summary>Wall-clock throughput of the offline scorers on all cores: brevity + supportiveness + tool usage per case.</summary>
/// <remarks>
/// Each core gets one thread scoring a contiguous run of the benchmark's cases; the headline is wall-clock cases per
/// second over all of them. Process CPU time is reported next to it: on a shared machine the wall clock shows what this
/// process got, CPU time what the scoring cost (cases per CPU-second times the cores is what idle cores would reach).
/// Run: <c>dotnet run -c Release --project bench/Rapport.Benchmarks -- --scorer-throughput</c>.
/// </remarks>
internal static class OfflineScorerThroughput
{
    public static void Run(int cases = 400_000)
    {
        var bench = new OfflineScorerBenchmarks();
        bench.Setup();
        bench.ScoreOnAllCores(50_000); // warm up: tiered JIT, regex construction
        GC.Collect();
        var single = Measure(() => Repeat(bench.Sequential, 50), 50 * 1000);
        var all = Measure(() => bench.ScoreOnAllCores(cases), cases);
        Console.WriteLine($"cores: {Environment.ProcessorCount}, load average before: {LoadAverage()}");
        Console.WriteLine($"one thread:  {single.Cases} cases in {single.Wall:0.00} s -> {single.Cases / single.Wall:0} cases/s");
        Console.WriteLine($"all cores:   {all.Cases} cases in {all.Wall:0.00} s -> {all.Cases / all.Wall:0} cases/s (wall clock)");
        Console.WriteLine($"cpu time:    {all.Cpu:0.00} s -> {all.Cases / all.Cpu:0} cases per CPU-second");
    }

    private static (int Cases, double Wall, double Cpu) Measure(Action run, int cases)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        run();
        wall.Stop();
        process.Refresh();
        return (cases, wall.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    private static void Repeat(Func<double> run, int times)
    {
        for (var i = 0; i < times; i++)
        {
            run();
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
