using System.Diagnostics.Metrics;
using Rapport.Telemetry;

namespace Rapport.Tests.Learning;

/// <summary>Counts <c>rapport.store.errors</c> measured for one data source and operation, whatever else runs in parallel.</summary>
internal sealed class StoreErrors : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _count;

    public StoreErrors(string dataSource, string operation)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, RapportTelemetry.Meter) && instrument.Name == RapportTelemetryNames.StoreErrorsMetric)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var (source, named) = (false, false);
            foreach (var tag in tags)
            {
                source |= tag.Key == RapportTelemetryNames.GenAIDataSourceId && Equals(tag.Value, dataSource);
                named |= tag.Key == RapportTelemetryNames.Operation && Equals(tag.Value, operation);
            }

            if (source && named)
            {
                Interlocked.Add(ref _count, value);
            }
        });
        _listener.Start();
    }

    public long Count => Interlocked.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
