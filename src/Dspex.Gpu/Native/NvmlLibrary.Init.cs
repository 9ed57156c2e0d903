namespace Dspex.Gpu.Native;

/// <summary>Initialisation and shutdown: NVML counts <c>nvmlInit_v2</c> calls, each needs one <c>nvmlShutdown</c>.</summary>
internal sealed unsafe partial class NvmlLibrary
{
    /// <summary><c>nvmlInit_v2</c>.</summary>
    /// <returns>The NVML return code.</returns>
    public NvmlReturn Init() => (NvmlReturn)_init();

    /// <summary><c>nvmlShutdown</c>.</summary>
    /// <returns>The NVML return code.</returns>
    public NvmlReturn Shutdown() => (NvmlReturn)_shutdown();
}
