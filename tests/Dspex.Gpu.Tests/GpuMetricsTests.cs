using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using static Dspex.Gpu.Tests.Gpus;

namespace Dspex.Gpu.Tests;

public sealed class GpuMetricsTests
{
    [Fact]
    public void Meter_reports_device_memory_admissions_waits_rejections_and_wait_time()
    {
        var time = Clock();
        var options = Options(8 * GiB, 4 * GiB);
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var gpu = GpuAdmission.Create(options, time, meters);
        using var reserved = new MetricCollector<long>(meters, GpuMetrics.MeterName, GpuMetrics.ReservedName);
        using var budget = new MetricCollector<long>(meters, GpuMetrics.MeterName, GpuMetrics.BudgetName);
        using var admissions = new MetricCollector<long>(meters, GpuMetrics.MeterName, GpuMetrics.AdmissionsName);
        using var waits = new MetricCollector<long>(meters, GpuMetrics.MeterName, GpuMetrics.WaitsName);
        using var rejections = new MetricCollector<long>(meters, GpuMetrics.MeterName, GpuMetrics.RejectionsName);
        using var wait = new MetricCollector<double>(meters, GpuMetrics.MeterName, GpuMetrics.AdmissionWaitName);
        var gate = gpu.GateFor("neural");

        var first = new TestJob(bytes: 8 * GiB);
        first.Take(gate.Request(first.Ticket));
        var second = new TestJob(bytes: 8 * GiB);
        second.Take(gate.Request(second.Ticket));
        var tooBig = new TestJob(bytes: 9 * GiB);
        tooBig.Take(gate.Request(tooBig.Ticket));
        time.Advance(TimeSpan.FromSeconds(2));
        first.Lease!.Dispose();

        reserved.RecordObservableInstruments();
        budget.RecordObservableInstruments();
        Assert.Equal(8 * GiB, reserved.GetMeasurementSnapshot().Single(m => Equals(m.Tags["device"], "0")).Value);
        Assert.Equal(4 * GiB, budget.GetMeasurementSnapshot().Single(m => Equals(m.Tags["device"], "1")).Value);
        Assert.Equal(2, admissions.GetMeasurementSnapshot().Count);
        Assert.Equal("neural", waits.GetMeasurementSnapshot().Single().Tags["pool"]);
        Assert.Equal("capacity", rejections.GetMeasurementSnapshot().Single().Tags["reason"]);
        Assert.Equal([0.0, 2.0], wait.GetMeasurementSnapshot().Select(m => m.Value));
        second.Lease!.Dispose();
    }
}
