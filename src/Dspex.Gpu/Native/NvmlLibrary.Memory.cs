namespace Dspex.Gpu.Native;

/// <summary>Memory and utilization queries (~12 µs each; no process-list query is ever made).</summary>
internal sealed unsafe partial class NvmlLibrary
{
    /// <summary>
    /// <c>nvmlDeviceGetMemoryInfo_v2</c>, falling back to v1 when the driver lacks v2 or refuses the struct version.
    /// v2's <c>used</c> excludes the driver's reserved memory, which v1 counts as used.
    /// </summary>
    /// <param name="device">The device.</param>
    /// <param name="total">Physical memory, in bytes.</param>
    /// <param name="used">Allocated memory, in bytes.</param>
    /// <returns>The NVML return code of the call that answered.</returns>
    public NvmlReturn GetMemory(NvmlDevice device, out ulong total, out ulong used)
    {
        if (_getMemoryInfoV2 != null)
        {
            var v2 = new NvmlMemoryV2 { Version = NvmlMemoryV2.StructVersion };
            var rc2 = (NvmlReturn)_getMemoryInfoV2(device.Handle, &v2);
            if (rc2 == NvmlReturn.Success)
            {
                total = v2.Total;
                used = v2.Used;
                return rc2;
            }

            if (rc2 is not (NvmlReturn.ArgumentVersionMismatch or NvmlReturn.NotSupported or NvmlReturn.FunctionNotFound))
            {
                total = used = 0;
                return rc2;
            }
        }

        var v1 = default(NvmlMemory);
        var rc = (NvmlReturn)_getMemoryInfo(device.Handle, &v1);
        total = v1.Total;
        used = v1.Used;
        return rc;
    }

    /// <summary><c>nvmlDeviceGetUtilizationRates</c>.</summary>
    /// <param name="device">The device.</param>
    /// <param name="gpuPercent">Percent of the last sample period a kernel ran.</param>
    /// <returns>The NVML return code; <see cref="NvmlReturn.FunctionNotFound"/> when the driver lacks the function.</returns>
    public NvmlReturn GetUtilization(NvmlDevice device, out uint gpuPercent)
    {
        gpuPercent = 0;
        if (_getUtilization == null)
        {
            return NvmlReturn.FunctionNotFound;
        }

        var value = default(NvmlUtilization);
        var rc = (NvmlReturn)_getUtilization(device.Handle, &value);
        gpuPercent = value.Gpu;
        return rc;
    }
}
