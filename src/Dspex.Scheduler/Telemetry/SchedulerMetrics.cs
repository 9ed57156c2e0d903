using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Dspex.Scheduler;

/// <summary>The scheduler's instruments. Observable gauges read the pools only when a listener collects.</summary>
internal sealed class SchedulerMetrics : IDisposable
{
    private static readonly KeyValuePair<string, object?>[] OutcomeTags =
        [.. Enum.GetValues<JobOutcome>().Select(o => new KeyValuePair<string, object?>("outcome", o.ToString().ToLowerInvariant()))];

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Histogram<double> _checkoutWait;
    private readonly Counter<long> _checkouts;
    private readonly Histogram<double> _runTime;
    private readonly Counter<long> _outcomes;
    private readonly Counter<long> _borrowed;
    private readonly Counter<long> _replaced;

    public SchedulerMetrics(IMeterFactory? meterFactory, Func<IReadOnlyCollection<Pool>> pools)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(SchedulerTelemetry.Name) ?? new Meter(SchedulerTelemetry.Name);
        ActivitySource = new ActivitySource(SchedulerTelemetry.Name);
        _checkoutWait = _meter.CreateHistogram<double>(SchedulerTelemetry.CheckoutWait, "ms", "Time from queued to taken by a worker.");
        _checkouts = _meter.CreateCounter<long>(SchedulerTelemetry.Checkouts, "{job}", "Jobs taken by a worker.");
        _runTime = _meter.CreateHistogram<double>(SchedulerTelemetry.RunTime, "ms", "Time a job ran on its worker.");
        _outcomes = _meter.CreateCounter<long>(SchedulerTelemetry.Outcomes, "{job}", "Terminal outcomes of jobs.");
        _borrowed = _meter.CreateCounter<long>(SchedulerTelemetry.OverflowBorrowed, "{worker}", "Workers started on borrowed overflow tokens.");
        _replaced = _meter.CreateCounter<long>(SchedulerTelemetry.ExecutorsReplaced, "{executor}", "Executors replaced after a crash or for recycling.");
        _meter.CreateObservableGauge(SchedulerTelemetry.QueueDepth, () => pools().SelectMany(p => p.QueueDepthMeasurements()), "{job}", "Jobs queued per pool and priority.");
        _meter.CreateObservableGauge(SchedulerTelemetry.BusyWorkers, () => pools().Select(p => new Measurement<int>(p.BusyWorkers, p.PoolTag)), "{worker}", "Workers running a job.");
        _meter.CreateObservableGauge(SchedulerTelemetry.TotalWorkers, () => pools().Select(p => new Measurement<int>(p.TotalWorkers, p.PoolTag)), "{worker}", "Workers alive.");
        _meter.CreateObservableGauge(SchedulerTelemetry.Utilization, () => pools().Select(p => new Measurement<double>(p.Utilization, p.PoolTag)), null, "Busy over total workers.");
    }

    public ActivitySource ActivitySource { get; }

    public bool CheckoutWaitEnabled => _checkoutWait.Enabled || _checkouts.Enabled;

    public bool RunTimeEnabled => _runTime.Enabled;

    /// <summary>Starts a job's activity when someone listens; null (and nearly free) otherwise.</summary>
    public Activity? StartJobActivity(string module, string pool)
    {
        var activity = ActivitySource.StartActivity(SchedulerTelemetry.JobActivity, ActivityKind.Internal);
        if (activity is not null)
        {
            activity.SetTag("dspex.module", module);
            activity.SetTag("dspex.pool", pool);
        }

        return activity;
    }

    public void Checkout(double waitMs, in KeyValuePair<string, object?> poolTag)
    {
        _checkouts.Add(1, poolTag);
        _checkoutWait.Record(waitMs, poolTag);
    }

    public void RunTime(double ms, in KeyValuePair<string, object?> poolTag) => _runTime.Record(ms, poolTag);

    public void Outcome(JobOutcome outcome, in KeyValuePair<string, object?> poolTag)
    {
        if (_outcomes.Enabled)
        {
            _outcomes.Add(1, poolTag, OutcomeTags[(int)outcome]);
        }
    }

    public void Borrowed(in KeyValuePair<string, object?> poolTag) => _borrowed.Add(1, poolTag);

    public void ExecutorReplaced(in KeyValuePair<string, object?> poolTag) => _replaced.Add(1, poolTag);

    public void Dispose()
    {
        ActivitySource.Dispose();
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
