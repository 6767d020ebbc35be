using System.Diagnostics;
using System.Runtime;

namespace Rapport.LoadBench;

/// <summary>What the process spent during one phase (the load, or the embedder alone): CPU time of every thread (server, agents,
/// ONNX Runtime), methods the JIT compiled (tier 1 recompilations included), bytes allocated, GC pauses, lock contention and the thread pool's size. CPU per turn does not depend on how busy
/// the rest of the machine is the way turns/s does, so the two phases can be compared on a shared machine.</summary>
internal sealed record RuntimeCost(TimeSpan Cpu, TimeSpan Wall, long JitMethods, long Allocated, TimeSpan GcPause, long LockContentions, int MaxThreads)
{
    /// <summary>Starts measuring a phase.</summary>
    public static Probe Start() => new();

    /// <summary>Average busy cores over the phase (of <see cref="Environment.ProcessorCount"/>).</summary>
    public double Cores => Cpu / Wall;

    /// <summary>Measures from its creation to <see cref="Stop"/>, sampling the thread pool's thread count meanwhile.</summary>
    internal sealed class Probe
    {
        private readonly Stopwatch _wall = Stopwatch.StartNew();
        private readonly TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;
        private readonly long _jit = JitInfo.GetCompiledMethodCount();
        private readonly long _allocated = GC.GetTotalAllocatedBytes();
        private readonly TimeSpan _gc = GC.GetTotalPauseDuration();
        private readonly long _locks = Monitor.LockContentionCount;
        private readonly Timer _sampler;
        private int _maxThreads = ThreadPool.ThreadCount;

        public Probe() => _sampler = new Timer(_ => Volatile.Write(ref _maxThreads, Math.Max(Volatile.Read(ref _maxThreads), ThreadPool.ThreadCount)), null, 0, 250);

        public RuntimeCost Stop()
        {
            _sampler.Dispose();
            return new RuntimeCost(
                Process.GetCurrentProcess().TotalProcessorTime - _cpu, _wall.Elapsed, JitInfo.GetCompiledMethodCount() - _jit, GC.GetTotalAllocatedBytes() - _allocated,
                GC.GetTotalPauseDuration() - _gc, Monitor.LockContentionCount - _locks, Math.Max(_maxThreads, ThreadPool.ThreadCount));
        }
    }
}
