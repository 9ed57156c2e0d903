using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace Dspex.Gpu;

/// <summary>The <c>Dspex.Gpu</c> meter: per-device memory gauges and the admission counters and histogram.</summary>
internal sealed class GpuMetrics : IDisposable
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "Dspex.Gpu";

    public const string TotalName = "dspex.gpu.memory.total";
    public const string BudgetName = "dspex.gpu.memory.budget";
    public const string ReservedName = "dspex.gpu.memory.reserved";
    public const string UsedName = "dspex.gpu.memory.used";
    public const string AdmissionsName = "dspex.gpu.admissions";
    public const string WaitsName = "dspex.gpu.waits";
    public const string RejectionsName = "dspex.gpu.rejections";
    public const string AdmissionWaitName = "dspex.gpu.admission.wait";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _admissions;
    private readonly Counter<long> _waits;
    private readonly Counter<long> _rejections;
    private readonly Histogram<double> _admissionWait;
    private readonly string[] _deviceTags;

    public GpuMetrics(IMeterFactory? factory, GpuLedger ledger)
    {
        _ownsMeter = factory is null;
        _meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        var accounts = ledger.Accounts;
        _deviceTags = accounts.Select(a => a.Identity.Index.ToString(CultureInfo.InvariantCulture)).ToArray();
        _meter.CreateObservableGauge(TotalName, () => PerDevice(accounts, a => a.Identity.TotalBytes), "By", "Physical memory of each device.");
        _meter.CreateObservableGauge(BudgetName, () => PerDevice(accounts, a => a.BudgetBytes), "By", "Memory jobs may reserve on each device.");
        _meter.CreateObservableGauge(ReservedName, () => PerDevice(accounts, a => a.ReservedBytes), "By", "Memory admitted jobs hold on each device.");
        _meter.CreateObservableGauge(UsedName, () => PerDevice(accounts, a => a.UsedBytes), "By", "Memory the driver reported in use, by every process.");
        _admissions = _meter.CreateCounter<long>(AdmissionsName, "{job}", "Jobs admitted, by pool and device.");
        _waits = _meter.CreateCounter<long>(WaitsName, "{job}", "Jobs that had to wait for GPU memory.");
        _rejections = _meter.CreateCounter<long>(RejectionsName, "{job}", "Jobs rejected, by pool and reason.");
        _admissionWait = _meter.CreateHistogram<double>(AdmissionWaitName, "s", "Time from a job's admission request to its admission.");
    }

    public void Admitted(string pool, int? device, TimeSpan waited)
    {
        var tags = new TagList
        {
            { "pool", pool },
            { "device", device is int d ? _deviceTags[d] : "cpu" },
        };
        _admissions.Add(1, tags);
        _admissionWait.Record(waited.TotalSeconds, tags);
    }

    public void Waited(string pool) => _waits.Add(1, new KeyValuePair<string, object?>("pool", pool));

    public void Rejected(string pool, string reason)
        => _rejections.Add(1, new KeyValuePair<string, object?>("pool", pool), new KeyValuePair<string, object?>("reason", reason));

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }

    private IEnumerable<Measurement<long>> PerDevice(DeviceAccount[] accounts, Func<DeviceAccount, long> value)
    {
        for (var i = 0; i < accounts.Length; i++)
        {
            yield return new Measurement<long>(value(accounts[i]), new KeyValuePair<string, object?>("device", _deviceTags[i]));
        }
    }
}
