using Dspex.Scheduler;
using static Dspex.Gpu.Tests.Gpus;

namespace Dspex.Gpu.Tests;

public sealed class GpuAdmissionTests
{
    [Fact]
    public void Job_that_fits_is_admitted_at_once_to_a_device()
    {
        using var gpu = Create(Options(8 * GiB), Clock());
        var job = new TestJob(bytes: 2 * GiB);
        var decision = job.Take(gpu.GateFor("neural").Request(job.Ticket));

        Assert.Equal(AdmissionDecisionKind.Admitted, decision.Kind);
        Assert.Equal(0, decision.Lease!.Device);
        Assert.Equal(2 * GiB, gpu.Devices[0].ReservedBytes);
        decision.Lease.Dispose();
        Assert.Equal(0, gpu.Devices[0].ReservedBytes);
    }

    [Fact]
    public void Two_jobs_never_both_take_the_last_gigabyte()
    {
        using var gpu = Create(Options(3 * GiB), Clock());
        var gate = gpu.GateFor("neural");
        var first = new TestJob(bytes: 2 * GiB);
        var second = new TestJob(bytes: 1 * GiB);
        var third = new TestJob(bytes: 1 * GiB);

        Assert.Equal(AdmissionDecisionKind.Admitted, first.Take(gate.Request(first.Ticket)).Kind);
        Assert.Equal(AdmissionDecisionKind.Admitted, second.Take(gate.Request(second.Ticket)).Kind);
        Assert.Equal(AdmissionDecisionKind.Deferred, third.Take(gate.Request(third.Ticket)).Kind);
        Assert.Equal(3 * GiB, gpu.Devices[0].ReservedBytes);
        Assert.Null(third.Lease);

        second.Lease!.Dispose();
        Assert.NotNull(third.Lease);
        Assert.Equal(0, third.Lease.Device);
        Assert.Equal(0, gpu.WaitingCount);
    }

    [Fact]
    public void Job_larger_than_every_budget_is_rejected_at_once_naming_the_sizes()
    {
        var options = Options(8 * GiB, 4 * GiB);
        options.HeadroomBytes = 1 * GiB;
        using var gpu = Create(options, Clock());
        var job = new TestJob(module: "big.Model", bytes: 10 * GiB);
        var decision = job.Take(gpu.GateFor("neural").Request(job.Ticket));

        Assert.Equal(AdmissionDecisionKind.Rejected, decision.Kind);
        var error = Assert.IsType<GpuCapacityException>(decision.Error);
        Assert.Equal(10 * GiB, error.RequestedBytes);
        Assert.Equal(7 * GiB, error.DeviceBudgets[0]);
        Assert.Equal(3 * GiB, error.DeviceBudgets[1]);
        Assert.Contains("big.Model", error.Message, StringComparison.Ordinal);
        Assert.Contains("10 GiB (10737418240 bytes)", error.Message, StringComparison.Ordinal);
        Assert.Contains("GPU 0: 7 GiB", error.Message, StringComparison.Ordinal);
        Assert.Equal("neural", error.Pool);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-5L)]
    public void Zero_or_negative_memory_is_rejected_naming_the_value(long bytes)
    {
        using var gpu = Create(Options(8 * GiB), Clock());
        var job = new TestJob(bytes: bytes, device: 0);
        var decision = job.Take(gpu.GateFor("neural").Request(job.Ticket));

        var error = Assert.IsType<GpuDemandException>(decision.Error);
        Assert.Contains($"DeviceMemoryBytes is {bytes}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-1)]
    public void Device_that_does_not_exist_is_rejected_naming_the_index(int device)
    {
        using var gpu = Create(Options(8 * GiB, 8 * GiB), Clock());
        var job = new TestJob(bytes: GiB, device: device);
        var decision = job.Take(gpu.GateFor("neural").Request(job.Ticket));

        var error = Assert.IsType<GpuDemandException>(decision.Error);
        Assert.Contains($"Device {device} does not exist; this machine has 2 GPU(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pinned_job_goes_to_its_device_and_is_measured_against_that_device_only()
    {
        using var gpu = Create(Options(16 * GiB, 4 * GiB), Clock());
        var gate = gpu.GateFor("neural");
        var pinned = new TestJob(bytes: 2 * GiB, device: 1);
        Assert.Equal(1, pinned.Take(gate.Request(pinned.Ticket)).Lease!.Device);

        var tooBig = new TestJob(bytes: 5 * GiB, device: 1);
        var error = Assert.IsType<GpuCapacityException>(tooBig.Take(gate.Request(tooBig.Ticket)).Error);
        Assert.Equal([1], error.DeviceBudgets.Keys);
    }

    [Fact]
    public void Best_fit_takes_the_tightest_device_and_least_loaded_the_emptiest()
    {
        var bestFit = Options(16 * GiB, 6 * GiB);
        using (var gpu = Create(bestFit, Clock()))
        {
            var job = new TestJob(bytes: 4 * GiB);
            Assert.Equal(1, job.Take(gpu.GateFor("neural").Request(job.Ticket)).Lease!.Device);
        }

        var leastLoaded = Options(16 * GiB, 6 * GiB);
        leastLoaded.PlacementPolicy = GpuPlacementPolicy.LeastLoaded;
        using (var gpu = Create(leastLoaded, Clock()))
        {
            var job = new TestJob(bytes: 4 * GiB);
            Assert.Equal(0, job.Take(gpu.GateFor("neural").Request(job.Ticket)).Lease!.Device);
        }
    }

    [Fact]
    public void Pool_override_of_placement_applies_to_that_pool_only()
    {
        var options = Options(16 * GiB, 6 * GiB);
        options.Pools["embed"] = new GpuPoolOptions { PlacementPolicy = GpuPlacementPolicy.LeastLoaded };
        using var gpu = Create(options, Clock());
        var neural = new TestJob(bytes: GiB);
        var embed = new TestJob(bytes: GiB, pool: "embed");
        Assert.Equal(1, neural.Take(gpu.GateFor("neural").Request(neural.Ticket)).Lease!.Device);
        Assert.Equal(0, embed.Take(gpu.GateFor("embed").Request(embed.Ticket)).Lease!.Device);
    }

    [Fact]
    public void Waiting_large_job_does_not_block_smaller_jobs_behind_it()
    {
        using var gpu = Create(Options(8 * GiB), Clock());
        var gate = gpu.GateFor("neural");
        var running = new TestJob(bytes: 4 * GiB);
        running.Take(gate.Request(running.Ticket));
        var large = new TestJob(bytes: 6 * GiB);
        Assert.Equal(AdmissionDecisionKind.Deferred, large.Take(gate.Request(large.Ticket)).Kind);

        var small = new TestJob(bytes: 2 * GiB);
        Assert.Equal(AdmissionDecisionKind.Admitted, small.Take(gate.Request(small.Ticket)).Kind);
        Assert.Null(large.Lease);
    }

    [Fact]
    public void Large_job_is_admitted_once_bypassed_bypass_limit_times()
    {
        var options = Options(8 * GiB);
        options.BypassLimit = 3;
        using var gpu = Create(options, Clock());
        var gate = gpu.GateFor("neural");
        var blocker = new TestJob(bytes: 4 * GiB);
        blocker.Take(gate.Request(blocker.Ticket));
        var large = new TestJob(bytes: 6 * GiB);
        large.Take(gate.Request(large.Ticket));

        // Three small jobs pass the large one; the fourth must wait behind it.
        var smalls = Enumerable.Range(0, 4).Select(_ => new TestJob(bytes: GiB)).ToArray();
        var kinds = smalls.Select(s => s.Take(gate.Request(s.Ticket)).Kind).ToArray();
        Assert.Equal([AdmissionDecisionKind.Admitted, AdmissionDecisionKind.Admitted, AdmissionDecisionKind.Admitted, AdmissionDecisionKind.Deferred], kinds);

        // Memory freed goes to the large job first, not to the small one that waits behind it.
        blocker.Lease!.Dispose();
        Assert.Null(large.Lease);
        Assert.Null(smalls[3].Lease);
        smalls[0].Lease!.Dispose();
        Assert.NotNull(large.Lease);
        Assert.Null(smalls[3].Lease);
        smalls[1].Lease!.Dispose();
        Assert.NotNull(smalls[3].Lease);
        Assert.Equal(8 * GiB, gpu.Devices[0].ReservedBytes);
    }

    [Fact]
    public void Abandoned_waiting_job_is_dropped_and_never_holds_memory()
    {
        using var gpu = Create(Options(4 * GiB), Clock());
        var gate = gpu.GateFor("neural");
        var running = new TestJob(bytes: 3 * GiB);
        running.Take(gate.Request(running.Ticket));
        var waiting = new TestJob(bytes: 2 * GiB);
        waiting.Take(gate.Request(waiting.Ticket));
        waiting.Abandoned = true;

        running.Lease!.Dispose();
        Assert.Null(waiting.Lease);
        Assert.Empty(waiting.Refused);
        Assert.Equal(0, gpu.WaitingCount);
        Assert.Equal(0, gpu.Devices[0].ReservedBytes);
    }

    [Fact]
    public void Lease_refused_by_a_job_abandoned_meanwhile_is_disposed_by_the_gate()
    {
        using var gpu = Create(Options(4 * GiB), Clock());
        var gate = gpu.GateFor("neural");
        var running = new TestJob(bytes: 3 * GiB);
        running.Take(gate.Request(running.Ticket));
        var waiting = new TestJob(bytes: 2 * GiB);
        waiting.Take(gate.Request(waiting.Ticket));

        // The job is abandoned after the gate chose it but before it took the lease.
        waiting.TryReject(1, new OperationCanceledException());
        running.Lease!.Dispose();

        var refused = Assert.Single(waiting.Refused);
        Assert.True(refused.IsReleased);
        Assert.Equal(0, gpu.Devices[0].ReservedBytes);
    }

    [Fact]
    public void Disposing_a_lease_twice_releases_once()
    {
        using var gpu = Create(Options(4 * GiB), Clock());
        var job = new TestJob(bytes: 3 * GiB);
        var lease = job.Take(gpu.GateFor("neural").Request(job.Ticket)).Lease!;
        lease.Dispose();
        lease.Dispose();
        Assert.Equal(0, gpu.Devices[0].ReservedBytes);
        Assert.Equal(4 * GiB, gpu.Devices[0].BudgetBytes);
    }

    [Fact]
    public void Budget_subtracts_headroom_contexts_and_other_processes_but_not_our_own_jobs()
    {
        var options = Options(16 * GiB);
        options.HeadroomBytes = 1 * GiB;
        options.WorkerContextBytes = 512 * MiB;
        options.WorkerContextsPerDevice = 2;
        options.SimulatedDevices[0].OtherProcesses = [new SimulatedUsagePoint { Bytes = 3 * GiB }];
        var time = Clock();
        using var gpu = Create(options, time);
        Assert.Equal(11 * GiB, gpu.Devices[0].BudgetBytes);

        var job = new TestJob(bytes: 5 * GiB);
        job.Take(gpu.GateFor("neural").Request(job.Ticket));
        time.Advance(options.RefreshInterval);

        var device = gpu.Devices[0];
        Assert.Equal(8 * GiB, device.UsedBytes);
        Assert.Equal(3 * GiB, device.OthersBytes);
        Assert.Equal(11 * GiB, device.BudgetBytes);
        Assert.Equal(5 * GiB, device.ReservedBytes);
    }

    [Fact]
    public void Growing_other_usage_shrinks_the_budget_and_its_release_admits_waiting_jobs()
    {
        var options = Options(10 * GiB);
        options.SimulatedDevices[0].OtherProcesses =
        [
            new SimulatedUsagePoint { At = TimeSpan.Zero, Bytes = 0 },
            new SimulatedUsagePoint { At = TimeSpan.FromSeconds(1), Bytes = 6 * GiB },
            new SimulatedUsagePoint { At = TimeSpan.FromSeconds(2), Bytes = 0 },
        ];
        var time = Clock();
        using var gpu = Create(options, time);
        var gate = gpu.GateFor("neural");
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(4 * GiB, gpu.Devices[0].BudgetBytes);

        var job = new TestJob(bytes: 3 * GiB);
        job.Take(gate.Request(job.Ticket));
        var waiting = new TestJob(bytes: 3 * GiB);
        Assert.Equal(AdmissionDecisionKind.Deferred, waiting.Take(gate.Request(waiting.Ticket)).Kind);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(waiting.Lease);
        Assert.Equal(10 * GiB, gpu.Devices[0].BudgetBytes);
    }

    [Fact]
    public void No_gpu_with_reject_policy_fails_the_job_with_the_reason()
    {
        using var gpu = GpuAdmission.Create(new GpuOptions { NvmlLibraryPath = "/nonexistent/libnvidia-ml.so.1" });
        Assert.False(gpu.HasDevices);
        var job = new TestJob(bytes: GiB);
        var error = Assert.IsType<GpuUnavailableException>(job.Take(gpu.GateFor("neural").Request(job.Ticket)).Error);
        Assert.Contains("/nonexistent/libnvidia-ml.so.1", error.Message, StringComparison.Ordinal);
        Assert.Contains("RunOnCpu", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_gpu_with_run_on_cpu_policy_admits_the_job_without_a_device()
    {
        var options = new GpuOptions { NvmlLibraryPath = "/nonexistent/libnvidia-ml.so.1" };
        options.Pools["neural"] = new GpuPoolOptions { NoGpuPolicy = NoGpuPolicy.RunOnCpu };
        using var gpu = GpuAdmission.Create(options);
        var job = new TestJob(bytes: GiB, device: 3);
        var decision = job.Take(gpu.GateFor("neural").Request(job.Ticket));

        Assert.Equal(AdmissionDecisionKind.Admitted, decision.Kind);
        Assert.Null(decision.Lease!.Device);
        Assert.Equal(CudaPinning.NoDevice, gpu.CudaVisibleDevices(decision.Lease.Device));
        decision.Lease.Dispose();
    }

    [Fact]
    public void Dispose_rejects_jobs_still_waiting()
    {
        var gpu = Create(Options(4 * GiB), Clock());
        var gate = gpu.GateFor("neural");
        var running = new TestJob(bytes: 4 * GiB);
        running.Take(gate.Request(running.Ticket));
        var waiting = new TestJob(bytes: 2 * GiB);
        waiting.Take(gate.Request(waiting.Ticket));

        gpu.Dispose();
        Assert.IsType<GpuUnavailableException>(waiting.Error);
        running.Lease!.Dispose();
    }

    [Fact]
    public void Simulated_device_is_pinned_by_index()
    {
        using var gpu = Create(Options(4 * GiB, 4 * GiB), Clock());
        Assert.Equal("1", gpu.CudaVisibleDevices(1));
        Assert.Equal("1", gpu.Devices[1].CudaVisibleDevices);
        Assert.True(gpu.Devices[1].IsSimulated);
        Assert.Throws<ArgumentOutOfRangeException>(() => gpu.CudaVisibleDevices(2));
    }
}
