using Dspex.Gpu.Native;
using Dspex.GpuCheck;
using Dspex.GpuCheck.Fit;

namespace Dspex.Gpu.Tests;

public sealed class GpuCheckNoGpuTests
{
    private const string Missing = "/nonexistent/dspex-test/libmissing.so.1";

    [Fact]
    public async Task Check_without_nvml_prints_no_gpu_with_the_reason_and_succeeds()
    {
        var output = new StringWriter();

        var rc = await GpuCheck.GpuCheck.RunAsync(["--nvml-lib", Missing], output);

        Assert.Equal(GpuCheck.GpuCheck.Passed, rc);
        Assert.StartsWith($"no gpu: the NVIDIA management library '{Missing}' could not be loaded", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("fit verdict", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Device_report_of_a_provider_without_devices_is_the_no_gpu_line()
    {
        using var provider = NvmlGpuProvider.Open(Missing);
        Assert.StartsWith("no gpu: ", DeviceReport.Format(provider), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--factor", "0" }, "--factor is 0")]
    [InlineData(new[] { "--pool-size", "many" }, "--pool-size is 'many'")]
    [InlineData(new[] { "--min-hold-ms", "50", "--max-hold-ms", "10" }, "--max-hold-ms is 10")]
    [InlineData(new[] { "--headroom-mib", "-1" }, "HeadroomBytes")]
    [InlineData(new[] { "--seed" }, "--seed needs a value")]
    [InlineData(new[] { "--frobnicate" }, "Unknown option '--frobnicate'")]
    public async Task Bad_arguments_name_the_option_and_exit_2(string[] args, string expected)
    {
        var output = new StringWriter();

        var rc = await GpuCheck.GpuCheck.RunAsync(args, output);

        Assert.Equal(GpuCheck.GpuCheck.BadArguments, rc);
        Assert.Contains(expected, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Cuda_driver_missing_is_a_reason_not_a_crash()
    {
        Assert.False(CudaDriver.TryLoad(Missing, out var driver, out var reason));
        Assert.Null(driver);
        Assert.Contains($"'{Missing}' could not be loaded", reason, StringComparison.Ordinal);

        Assert.False(CudaAllocator.TryOpen(Missing, [], touch: true, out var allocator, out reason));
        Assert.Null(allocator);
        Assert.Contains(Missing, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_library_that_is_not_the_cuda_driver_is_refused_naming_the_missing_export()
    {
        Assert.False(CudaDriver.TryLoad("libc.so.6", out _, out var reason));
        Assert.Contains("does not export cuInit", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Cuda_uuid_prints_the_way_nvml_does()
    {
        byte[] bytes = [0x8f, 0x3c, 0x01, 0x02, 0xa0, 0xb1, 0xc2, 0xd3, 0xe4, 0xf5, 0x06, 0x17, 0x28, 0x39, 0x4a, 0x5b];

        Assert.Equal("GPU-8f3c0102-a0b1-c2d3-e4f5-061728394a5b", CudaUuid.ToNvmlString(bytes));
        Assert.Throws<ArgumentException>(() => CudaUuid.ToNvmlString(bytes.AsSpan(0, 15)));
    }

    [Fact]
    public void Nearest_rank_quantiles()
    {
        var sorted = Enumerable.Range(1, 1000).Select(i => (double)i).ToArray();

        Assert.Equal(500, NvmlLatency.Quantile(sorted, 0.50));
        Assert.Equal(990, NvmlLatency.Quantile(sorted, 0.99));
        Assert.Equal(1, NvmlLatency.Quantile([1.0], 0.99));
    }
}
