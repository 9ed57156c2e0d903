using Microsoft.Extensions.Time.Testing;

namespace Dspex.Gpu.Tests;

/// <summary>Builds admissions over simulated devices on a fake clock.</summary>
internal static class Gpus
{
    public const long MiB = 1024L * 1024;
    public const long GiB = 1024 * MiB;

    /// <summary>Options with no headroom or context overhead, so budgets equal totals minus others.</summary>
    public static GpuOptions Options(params long[] totals) => new()
    {
        HeadroomBytes = 0,
        WorkerContextBytes = 0,
        RefreshInterval = TimeSpan.FromMilliseconds(250),
        SimulatedDevices = totals.Select(t => new SimulatedGpuOptions { TotalBytes = t }).ToList(),
    };

    public static GpuAdmission Create(GpuOptions options, FakeTimeProvider time)
        => GpuAdmission.Create(options, time);

    public static FakeTimeProvider Clock() => new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
}
