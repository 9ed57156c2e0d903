using System.Diagnostics.Metrics;
using Dspex.Gpu;

namespace Dspex.GpuCheck.Fit;

/// <summary>Listens to the <c>Dspex.Gpu</c> counters of meters from one factory: admissions, waits, rejections, longest wait.</summary>
internal sealed class AdmissionCounters : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _admitted;
    private long _waited;
    private long _rejected;
    private double _maxWaitSeconds;

    public AdmissionCounters(OwnedMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (meters.Owns(instrument.Meter) && instrument.Name is GpuMetrics.AdmissionsName or GpuMetrics.WaitsName
                    or GpuMetrics.RejectionsName or GpuMetrics.AdmissionWaitName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            switch (instrument.Name)
            {
                case GpuMetrics.AdmissionsName:
                    Interlocked.Add(ref _admitted, value);
                    break;
                case GpuMetrics.WaitsName:
                    Interlocked.Add(ref _waited, value);
                    break;
                case GpuMetrics.RejectionsName:
                    Interlocked.Add(ref _rejected, value);
                    break;
            }
        });
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            if (instrument.Name == GpuMetrics.AdmissionWaitName)
            {
                lock (_listener)
                {
                    _maxWaitSeconds = Math.Max(_maxWaitSeconds, value);
                }
            }
        });
        _listener.Start();
    }

    public long Admitted => Interlocked.Read(ref _admitted);

    public long Waited => Interlocked.Read(ref _waited);

    public long Rejected => Interlocked.Read(ref _rejected);

    public TimeSpan MaxWait
    {
        get
        {
            lock (_listener)
            {
                return TimeSpan.FromSeconds(_maxWaitSeconds);
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
