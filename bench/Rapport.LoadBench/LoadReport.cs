using System.Globalization;
using System.Text;

namespace Rapport.LoadBench;

/// <summary>The results as a markdown table.</summary>
internal static class LoadReport
{
    public static string Markdown(IReadOnlyList<StoreRun.Result> results, int processors)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"{processors} logical processors, .NET {Environment.Version}; server and agents in one process over HTTP/1.1 on loopback.");
        text.AppendLine();
        text.AppendLine("| store | embedder | agents | turns | turns/s | embedder alone: situations/s | ratio | embedder alone: a turn's texts (situation, then response), turns/s | ratio | errors | stored | lost | duplicated | unexpected | wrong outcome |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            text.AppendLine(c,
                $"| {r.Store} | {r.Embedder} | {r.Agents} | {r.Turns} | {r.TurnsPerSecond:0.0} | {r.EmbedsPerSecond:0.0} | {r.Ratio:P0} | {r.TurnEmbedsPerSecond:0.0} | {r.TurnRatio:P0} | {r.Timings.TotalErrors} | " +
                $"{r.Audit.Stored} | {r.Audit.Lost} | {r.Audit.Duplicated} | {r.Audit.Unexpected} | {r.Audit.WrongOutcome} |");
        }

        text.AppendLine();
        text.AppendLine("| store | endpoint | requests | errors | p50 ms | p99 ms |");
        text.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            foreach (var endpoint in EndpointTimings.Endpoints)
            {
                text.AppendLine(c,
                    $"| {r.Store} | {endpoint} | {r.Timings.Count(endpoint)} | {r.Timings.Errors(endpoint)} | {r.Timings.Percentile(endpoint, 50):0.0} | {r.Timings.Percentile(endpoint, 99):0.0} |");
            }
        }

        text.AppendLine();
        text.AppendLine("What the process spent (every thread: server, agents, ONNX Runtime), under load and for the embedder alone on a turn's texts:");
        text.AppendLine();
        text.AppendLine("| store | phase | turns | wall s | CPU s | busy cores | CPU ms per turn | methods JIT-compiled | KB allocated per turn | GC pause ms | lock contentions | most pool threads | CPU ratio |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            foreach (var (phase, cost) in new[] { ("load", r.LoadCost), ("embedder alone", r.BaselineCost) })
            {
                text.AppendLine(c,
                    $"| {r.Store} | {phase} | {r.Turns} | {cost.Wall.TotalSeconds:0.0} | {cost.Cpu.TotalSeconds:0.0} | {cost.Cores:0.00} | " +
                    $"{cost.Cpu.TotalMilliseconds / Math.Max(1, r.Turns):0.0} | {cost.JitMethods} | {cost.Allocated / 1024.0 / Math.Max(1, r.Turns):0} | {cost.GcPause.TotalMilliseconds:0} | " +
                    $"{cost.LockContentions} | {cost.MaxThreads} | {(phase == "load" ? r.CpuRatio.ToString("P0", c) : "")} |");
            }
        }

        text.AppendLine();
        text.AppendLine("Where the time goes (wall time of the server's spans; nested spans overlap):");
        foreach (var r in results)
        {
            text.AppendLine();
            text.Append(r.Spans);
        }

        return text.ToString();
    }
}
