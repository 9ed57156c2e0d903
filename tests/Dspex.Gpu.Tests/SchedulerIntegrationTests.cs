using Dspex.Scheduler;
using static Dspex.Gpu.Tests.Gpus;

namespace Dspex.Gpu.Tests;

public sealed class SchedulerIntegrationTests
{
    [Fact]
    public async Task Neural_pool_runs_gpu_jobs_only_within_budget_tells_each_its_device_and_releases_on_every_outcome()
    {
        using var gpu = Create(Options(8 * GiB, 4 * GiB), Clock());
        var components = new SchedulerComponents();
        components.AdmissionGates[PoolNames.Neural] = gpu.GateFor(PoolNames.Neural);
        var scheduler = new DspexScheduler(new DspexOptions(), components);
        await scheduler.StartAsync();
        try
        {
            var overBudget = 0;
            var devices = new System.Collections.Concurrent.ConcurrentBag<int?>();
            var jobs = Enumerable.Range(0, 24).Select(i => scheduler.SubmitAsync(new DelegateJob<int>("colbert.Searcher", context =>
            {
                devices.Add(context.Device);
                if (gpu.Devices.Any(d => d.ReservedBytes > d.BudgetBytes))
                {
                    Interlocked.Increment(ref overBudget);
                }

                Thread.Yield();
                return i % 5 == 0 ? throw new InvalidOperationException("model failed") : i;
            })
            {
                Pool = PoolNames.Neural,
                Resources = new ResourceDemand(3 * GiB),
            }).AsTask()).ToArray();

            var outcomes = await Task.WhenAll(jobs.Select(async j =>
            {
                try
                {
                    await j;
                    return "completed";
                }
                catch (InvalidOperationException)
                {
                    return "failed";
                }
            }));

            Assert.Equal(5, outcomes.Count(o => o == "failed"));
            Assert.Equal(0, overBudget);
            Assert.All(devices, d => Assert.True(d is 0 or 1));
            Assert.Contains(devices, d => d == 1);

            var tooBig = scheduler.SubmitAsync(new DelegateJob<int>("big.Model", _ => 0) { Pool = PoolNames.Neural, Resources = new ResourceDemand(9 * GiB) });
            await Assert.ThrowsAsync<GpuCapacityException>(async () => await tooBig);
        }
        finally
        {
            await scheduler.StopAsync();
        }

        Assert.All(gpu.Devices, d => Assert.Equal(0, d.ReservedBytes));
        Assert.Equal(0, gpu.WaitingCount);
    }
}
