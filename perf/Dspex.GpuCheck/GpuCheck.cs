using Dspex.Gpu;
using Dspex.GpuCheck.Fit;

namespace Dspex.GpuCheck;

/// <summary>
/// The GPU check: device report, NVML query latency, then the fit test. Prints <c>no gpu: &lt;reason&gt;</c> and
/// succeeds where there is no NVIDIA driver, so the script can run anywhere.
/// </summary>
internal static class GpuCheck
{
    public const int Passed = 0;
    public const int FitFailed = 1;
    public const int BadArguments = 2;

    /// <summary>Runs the check.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Where the report goes.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!CheckArguments.TryParse(args, out var arguments, out var problems))
        {
            problems.ForEach(output.WriteLine);
            output.WriteLine(CheckArguments.Usage);
            return BadArguments;
        }

        if (arguments.Help)
        {
            output.WriteLine(CheckArguments.Usage);
            return Passed;
        }

        IReadOnlyList<GpuDeviceIdentity> devices;
        using (var nvml = NvmlGpuProvider.Open(arguments.Gpu.NvmlLibraryPath))
        {
            output.Write(DeviceReport.Format(nvml));
            if (nvml.UnavailableReason is not null)
            {
                output.WriteLine("nothing to check on this machine: run perf/gpu-check.sh where an NVIDIA GPU and its driver are installed.");
                return Passed;
            }

            devices = nvml.Devices;
            foreach (var device in devices)
            {
                output.WriteLine(NvmlLatency.Format(device.Index, NvmlLatency.Measure(nvml, device.Index, arguments.Queries)));
            }
        }

        // The contexts exist before the ledger's first reading, so their memory is counted as in use from the start.
        if (!CudaAllocator.TryOpen(arguments.CudaLibrary, devices, arguments.Touch, out var allocator, out var reason))
        {
            output.WriteLine(DeviceReport.NoGpu("the fit test cannot allocate: " + reason));
            return Passed;
        }

        using (allocator)
        {
            var provider = NvmlGpuProvider.Open(arguments.Gpu.NvmlLibraryPath);
            if (provider.UnavailableReason is string lost)
            {
                provider.Dispose();
                output.WriteLine(DeviceReport.NoGpu("NVML failed on reopening: " + lost));
                return FitFailed;
            }

            var result = await FitTest.RunAsync(arguments.Gpu, provider, allocator, arguments.Fit).ConfigureAwait(false);
            output.Write(result.Format());
            return result.Passed ? Passed : FitFailed;
        }
    }
}
