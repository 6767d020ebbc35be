using System.Diagnostics;
using Rapport.Telemetry;

namespace Rapport.Demo;

/// <summary>Counts the spans Rapport emits while it is alive (an in-process listener on the <c>Rapport</c> source).</summary>
internal sealed class SpanCounter : IDisposable
{
    private readonly ActivityListener _listener;
    private long _count;

    public SpanCounter()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RapportTelemetryNames.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
            ActivityStopped = _ => Interlocked.Increment(ref _count),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public long Count => Interlocked.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
