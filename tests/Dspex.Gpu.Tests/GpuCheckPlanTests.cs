using Dspex.GpuCheck.Fit;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Dspex.Gpu.Tests.Gpus;

namespace Dspex.Gpu.Tests;

public sealed class GpuCheckPlanTests
{
    [Property(MaxTest = 200)]
    public Property Plan_declares_at_least_factor_times_all_memory_and_every_job_fits_the_smallest_budget(
        PositiveInt seed, byte deviceCount, byte othersPercent, byte factorTenths)
    {
        var devices = 1 + (deviceCount % 4);
        var totals = Enumerable.Range(0, devices).Select(i => (80L + (i * 61)) * GiB).ToArray();
        var budgets = totals.Select(t => t - GiB - (t / 100 * (othersPercent % 50))).ToArray();
        var settings = new FitSettings { Seed = seed.Get, OversubscriptionFactor = 0.5 + (factorTenths % 40 / 10.0) };

        var plan = FitPlan.Create(totals, budgets, settings);

        var sum = plan.Jobs.Sum(j => j.Bytes);
        var last = plan.Jobs[^1].Bytes;
        var low = (long)(totals.Min() * settings.MinJobFraction) / MiB * MiB;
        return (sum >= plan.TargetBytes
                && sum - last < plan.TargetBytes
                && plan.TargetBytes == (long)(totals.Sum() * settings.OversubscriptionFactor)
                && plan.Jobs.All(j => j.Bytes >= low && j.Bytes <= budgets.Min() && j.Bytes <= totals.Min() * settings.MaxJobFraction)
                && plan.Jobs.All(j => j.Hold >= settings.MinHold && j.Hold <= settings.MaxHold)
                && plan.Jobs.Select((j, i) => j.Id == i).All(x => x))
            .Label($"{plan.Jobs.Count} jobs, sum {sum}, target {plan.TargetBytes}");
    }

    [Fact]
    public void Default_plan_for_an_h200_declares_3x_its_memory()
    {
        var total = 143_771_566_080L;
        var plan = FitPlan.Create([total], [total - (2 * GiB)], new FitSettings());

        Assert.True(plan.DeclaredBytes >= 3 * total);
        Assert.InRange(plan.Jobs.Count, 12, 60);
        Assert.Equal(plan.Jobs, FitPlan.Create([total], [total - (2 * GiB)], new FitSettings()).Jobs);
    }

    [Fact]
    public void Budget_below_the_smallest_job_is_a_clear_error()
    {
        var error = Assert.Throws<ArgumentException>(() => FitPlan.Create([80 * GiB], [GiB], new FitSettings()));
        Assert.Contains("--min-fraction", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_settings_name_the_option()
    {
        var error = Assert.Throws<ArgumentException>(() => FitPlan.Create([80 * GiB], [79 * GiB], new FitSettings { MinJobFraction = 0.3, MaxJobFraction = 0.2 }));
        Assert.Contains("--max-fraction is 0.2", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => FitPlan.Create([], [], new FitSettings()));
    }
}
