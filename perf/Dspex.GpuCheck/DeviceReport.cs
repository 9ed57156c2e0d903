using System.Globalization;
using System.Text;
using Dspex.Gpu;

namespace Dspex.GpuCheck;

/// <summary>The devices NVML reports: name, UUID, total and free memory.</summary>
internal static class DeviceReport
{
    /// <summary>One line per device, or the reason there is none.</summary>
    /// <param name="provider">The NVML provider.</param>
    /// <returns>The report text.</returns>
    public static string Format(IGpuDeviceProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        if (provider.UnavailableReason is string reason)
        {
            return NoGpu(reason) + Environment.NewLine;
        }

        var text = new StringBuilder();
        foreach (var device in provider.Devices)
        {
            var memory = provider.TryReadMemory(device.Index, out var reading, out var error)
                ? $"total {GpuBytes.Format(reading.TotalBytes)}, free {GpuBytes.Format(reading.TotalBytes - reading.UsedBytes)}"
                : $"total {GpuBytes.Format(device.TotalBytes)}, free unknown ({error})";
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"gpu {device.Index}: {device.Name} {device.Uuid}: {memory}"));
        }

        return text.ToString();
    }

    /// <summary>The line printed when there is nothing to check.</summary>
    /// <param name="reason">Why.</param>
    /// <returns><c>no gpu: &lt;reason&gt;</c>.</returns>
    public static string NoGpu(string reason) => "no gpu: " + reason;
}
