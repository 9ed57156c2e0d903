using Dspex.Scheduler;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Dspex.Gpu.Tests.Gpus;

namespace Dspex.Gpu.Tests;

/// <summary>Real threads racing on the ledger and the gate.</summary>
public sealed class ConcurrencyProperties
{
    [Property(MaxTest = 30)]
    public void Racing_reservations_never_take_more_than_the_budget(PositiveInt slots, PositiveInt extraBytes, PositiveInt threadSeed)
    {
        const long Size = GiB;
        var budget = (Math.Min(slots.Get, 200) * Size) + (extraBytes.Get % Size);
        var threads = 2 + (threadSeed.Get % 3);
        var account = new DeviceAccount(new GpuDeviceIdentity(0, "race", string.Empty, budget, true), 0);
        account.Reconcile(new GpuMemoryReading(budget, 0));
        var successes = 0;
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 200; i++)
            {
                if (account.TryReserve(Size))
                {
                    Interlocked.Increment(ref successes);
                }
            }
        })).ToArray();
        Array.ForEach(workers, w => w.Start());
        Array.ForEach(workers, w => w.Join());

        Assert.Equal(Math.Min(threads * 200L, budget / Size), successes);
        Assert.Equal(successes * Size, account.ReservedBytes);
        Assert.Equal(budget - (successes * Size), account.AvailableBytes);
    }

    public static Arbitrary<(int Threads, int[] Units, int Devices)> Workloads() => Arb.From(
        from threads in Gen.Choose(2, 4)
        from devices in Gen.Choose(1, 3)
        from units in Gen.ArrayOf(Gen.Choose(1, 8), 16)
        select (threads, units, devices));

    [Property(Arbitrary = [typeof(ConcurrencyProperties)], MaxTest = 15)]
    public void Under_contention_every_job_is_admitted_no_wakeup_is_lost_and_all_memory_returns((int Threads, int[] Units, int Devices) workload)
    {
        // Budgets never move (the fake clock never fires the refresh), so only releases can wake waiting jobs.
        var options = Options(Enumerable.Repeat(10 * GiB, workload.Devices).ToArray());
        options.BypassLimit = 2;
        using var gpu = Create(options, Clock());
        var gate = gpu.GateFor(PoolNames.Neural);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var start = new Barrier(workload.Threads);
        var workers = Enumerable.Range(0, workload.Threads).Select(t => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 300; i++)
            {
                var job = new TestJob(bytes: workload.Units[(i + t) % workload.Units.Length] * GiB);
                var decision = job.Take(gate.Request(job.Ticket));
                if (decision.Kind == AdmissionDecisionKind.Deferred && !job.WaitDecided(TimeSpan.FromSeconds(10)))
                {
                    failures.Enqueue($"a deferred job of {job.Ticket.Demand.DeviceMemoryBytes} bytes was never admitted (lost wakeup)");
                    return;
                }

                var lease = job.Lease;
                if (lease is null)
                {
                    failures.Enqueue($"job was not admitted: {job.Error?.Message}");
                    return;
                }

                foreach (var device in gpu.Devices)
                {
                    if (device.ReservedBytes > device.BudgetBytes)
                    {
                        failures.Enqueue($"GPU {device.Index}: reserved {device.ReservedBytes} > budget {device.BudgetBytes}");
                    }
                }

                lease.Dispose();
            }
        })).ToArray();
        Array.ForEach(workers, w => w.Start());
        Array.ForEach(workers, w => w.Join());

        Assert.Empty(failures);
        Assert.Equal(0, gpu.WaitingCount);
        Assert.All(gpu.Devices, d => Assert.Equal(0, d.ReservedBytes));
    }
}
