using System.Globalization;

namespace Dspex.Gpu;

/// <summary>Formats memory sizes for messages: a readable unit and the exact byte count.</summary>
internal static class GpuBytes
{
    public static string Format(long bytes)
    {
        const double GiB = 1024.0 * 1024 * 1024;
        const double MiB = 1024.0 * 1024;
        var readable = Math.Abs(bytes) >= GiB
            ? (bytes / GiB).ToString("0.##", CultureInfo.InvariantCulture) + " GiB"
            : (bytes / MiB).ToString("0.##", CultureInfo.InvariantCulture) + " MiB";
        return string.Create(CultureInfo.InvariantCulture, $"{readable} ({bytes} bytes)");
    }
}
