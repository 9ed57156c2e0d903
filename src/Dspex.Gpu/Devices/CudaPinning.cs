using System.Globalization;

namespace Dspex.Gpu;

/// <summary>Pins a worker process to one device through <c>CUDA_VISIBLE_DEVICES</c>.</summary>
public static class CudaPinning
{
    /// <summary>The environment variable CUDA reads.</summary>
    public const string VariableName = "CUDA_VISIBLE_DEVICES";

    /// <summary>A value that hides every device (CUDA stops at the first invalid entry), for a job run on the CPU.</summary>
    public const string NoDevice = "-1";

    /// <summary>The value that shows exactly <paramref name="device"/>.</summary>
    /// <param name="device">The device.</param>
    /// <returns>Its UUID when it has one (stable whatever <c>CUDA_DEVICE_ORDER</c> says), else its index.</returns>
    public static string ValueFor(GpuDeviceStatus device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.Uuid.Length > 0 ? device.Uuid : device.Index.ToString(CultureInfo.InvariantCulture);
    }
}
