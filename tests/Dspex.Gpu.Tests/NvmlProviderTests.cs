using Dspex.Gpu.Native;
using Dspex.Scheduler;

namespace Dspex.Gpu.Tests;

public sealed class NvmlProviderTests
{
    [Fact]
    public void Missing_library_gives_a_no_gpu_state_with_the_reason()
    {
        using var provider = NvmlGpuProvider.Open("/nonexistent/libnvidia-ml.so.1");
        Assert.Empty(provider.Devices);
        Assert.Contains("'/nonexistent/libnvidia-ml.so.1' could not be loaded", provider.UnavailableReason, StringComparison.Ordinal);
        Assert.False(provider.TryReadMemory(0, out _, out var error));
        Assert.Contains("GPU 0 is not available", error, StringComparison.Ordinal);
        Assert.Null(provider.ReadUtilizationPercent(0));
    }

    [Fact]
    public void Library_without_nvml_exports_gives_a_no_gpu_state_naming_the_missing_function()
    {
        using var provider = NvmlGpuProvider.Open("libc.so.6");
        Assert.Empty(provider.Devices);
        Assert.Contains("does not export nvmlInit_v2", provider.UnavailableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Memory_v2_struct_has_the_c_layout_and_version()
    {
        Assert.Equal(40, System.Runtime.InteropServices.Marshal.SizeOf<NvmlMemoryV2>());
        Assert.Equal(0x02000028u, NvmlMemoryV2.StructVersion);
        Assert.Equal(8, (int)System.Runtime.InteropServices.Marshal.OffsetOf<NvmlMemoryV2>(nameof(NvmlMemoryV2.Total)));
        Assert.Equal(24, System.Runtime.InteropServices.Marshal.SizeOf<NvmlMemory>());
    }

    [Fact]
    public void Without_simulated_devices_a_missing_driver_is_never_replaced_by_a_simulated_device()
    {
        using var gpu = GpuAdmission.Create(new GpuOptions { NvmlLibraryPath = "/nonexistent/libnvidia-ml.so.1" });
        Assert.False(gpu.HasDevices);
        Assert.Empty(gpu.Devices);
        Assert.NotNull(gpu.UnavailableReason);
    }

    [NvmlFact]
    public void Real_gpu_reports_identity_and_memory_and_admits_a_job()
    {
        using (var provider = NvmlGpuProvider.Open())
        {
            Assert.Null(provider.UnavailableReason);
            var device = provider.Devices[0];
            Assert.StartsWith("GPU-", device.Uuid, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(device.Name));
            Assert.True(provider.TryReadMemory(0, out var reading, out var error), error);
            Assert.Equal(device.TotalBytes, reading.TotalBytes);
            Assert.InRange(reading.UsedBytes, 0, reading.TotalBytes);
        }

        using var gpu = GpuAdmission.Create(new GpuOptions());
        Assert.True(gpu.HasDevices);
        Assert.StartsWith("GPU-", gpu.CudaVisibleDevices(0), StringComparison.Ordinal);
        var job = new TestJob(bytes: 64 * Gpus.MiB, device: 0);
        var decision = job.Take(gpu.GateFor(PoolNames.Neural).Request(job.Ticket));
        Assert.Equal(AdmissionDecisionKind.Admitted, decision.Kind);
        Assert.Equal(0, decision.Lease!.Device);
        Assert.Equal(64 * Gpus.MiB, gpu.Devices[0].ReservedBytes);
        decision.Lease.Dispose();
        Assert.Equal(0, gpu.Devices[0].ReservedBytes);
    }
}
