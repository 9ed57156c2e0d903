using FsCheck;
using FsCheck.Fluent;

namespace Dspex.Gpu.Tests;

/// <summary>How a simulated job ends.</summary>
public enum JobFate
{
    Completes,
    FailsAtOnce,
    CancelledWhileQueued,
    CancelledWhileRunning,
}

/// <summary>One simulated job; sizes are in units of 256 MiB, times in steps of 100 ms.</summary>
public sealed record JobSpec(int ArrivalStep, int Units, int DurationSteps, JobFate Fate, int CancelAfterSteps, int? Device);

/// <summary>One simulated device: total, and other processes' usage that grows from Start to Peak, then goes away.</summary>
public sealed record DeviceSpec(int TotalUnits, int OthersStartUnits, int OthersPeakUnits);

/// <summary>A random workload over 1–4 simulated devices.</summary>
public sealed record AdmissionScenario(DeviceSpec[] Devices, JobSpec[] Jobs, GpuPlacementPolicy Placement, int BypassLimit)
{
    public const long Unit = 256 * Gpus.MiB;
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);
    public const int PeakStep = 40;
    public const int CalmStep = 80;

    public override string ToString()
        => $"{Placement}, bypass {BypassLimit}, devices [{string.Join(", ", Devices.Select(d => d.ToString()))}], jobs [{string.Join(", ", Jobs.Select(j => j.ToString()))}]";
}

/// <summary>FsCheck generators for <see cref="AdmissionScenario"/>.</summary>
public static class AdmissionArbitraries
{
    public static Arbitrary<AdmissionScenario> Scenario()
    {
        var device =
            from total in Gen.Choose(8, 64)
            from start in Gen.Choose(0, 4)
            from growth in Gen.Choose(0, 12)
            select new DeviceSpec(total, start, Math.Min(total, start + growth));
        var gen =
            from devices in Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(device, n))
            from count in Gen.Choose(1, 40)
            from jobs in Gen.ArrayOf(Job(devices.Length), count)
            from placement in Gen.Elements(GpuPlacementPolicy.BestFit, GpuPlacementPolicy.LeastLoaded)
            from bypass in Gen.Choose(0, 6)
            select new AdmissionScenario(devices, jobs, placement, bypass);
        return Arb.From(gen);
    }

    private static Gen<JobSpec> Job(int devices) =>
        from arrival in Gen.Choose(0, 100)
        from units in Gen.Frequency((6, Gen.Choose(1, 8)), (3, Gen.Choose(8, 40)), (1, Gen.Choose(40, 70)))
        from duration in Gen.Choose(1, 30)
        from fate in Gen.Frequency(
            (6, Gen.Constant(JobFate.Completes)),
            (1, Gen.Constant(JobFate.FailsAtOnce)),
            (2, Gen.Constant(JobFate.CancelledWhileQueued)),
            (1, Gen.Constant(JobFate.CancelledWhileRunning)))
        from cancelAfter in Gen.Choose(0, 20)
        from pinned in Gen.Frequency((4, Gen.Constant<int?>(null)), (1, Gen.Choose(0, devices - 1).Select(d => (int?)d)))
        select new JobSpec(arrival, units, duration, fate, cancelAfter, pinned);
}
