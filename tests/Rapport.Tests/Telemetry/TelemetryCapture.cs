using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Rapport.Telemetry;

namespace Rapport.Tests.Telemetry;

/// <summary>Collects Rapport's spans and metrics with OpenTelemetry's in-memory exporter, scoped to one test's trace.</summary>
/// <remarks>Listeners are process-wide, so a test runs under a root span of its own and reads only spans of that trace.</remarks>
internal sealed class TelemetryCapture : IDisposable
{
    private static readonly ActivitySource TestSource = new("Rapport.Tests");
    private readonly List<Activity> _spans = [];
    private readonly List<Metric> _metrics = [];
    private readonly TracerProvider _tracer;
    private readonly MeterProvider _meter;
    private readonly Activity _root;

    public TelemetryCapture()
    {
        _tracer = Sdk.CreateTracerProviderBuilder()
            .AddSource(RapportTelemetryNames.SourceName, "Rapport.Tests")
            .AddInMemoryExporter(_spans)
            .Build();
        _meter = Sdk.CreateMeterProviderBuilder()
            .AddMeter(RapportTelemetryNames.SourceName)
            .AddInMemoryExporter(_metrics)
            .Build();
        _root = TestSource.StartActivity("test")!;
    }

    /// <summary>Gets the spans of this test's trace (ended ones), in end order, without the test's root.</summary>
    public IReadOnlyList<Activity> Spans
    {
        get
        {
            _tracer.ForceFlush();
            lock (_spans)
            {
                return _spans.Where(s => s.TraceId == _root.TraceId && s.Source.Name == RapportTelemetryNames.SourceName).ToList();
            }
        }
    }

    public Activity Root => _root;

    public Activity Single(string name) => Assert.Single(Spans, s => s.DisplayName == name);

    /// <summary>Gets the metric points collected so far, by instrument name.</summary>
    public IReadOnlyList<MetricPoint> Points(string instrument)
    {
        _meter.ForceFlush();
        var points = new List<MetricPoint>();
        foreach (var metric in _metrics.Where(m => m.Name == instrument))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                points.Add(point);
            }
        }

        return points;
    }

    public void Dispose()
    {
        _root.Dispose();
        _tracer.Dispose();
        _meter.Dispose();
    }
}
