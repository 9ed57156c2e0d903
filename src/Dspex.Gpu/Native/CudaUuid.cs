using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Dspex.Gpu.Native;

/// <summary><c>CUuuid</c>: 16 raw bytes, the same identity NVML prints as <c>GPU-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx</c>.</summary>
[InlineArray(16)]
internal struct CudaUuid
{
    private byte _first;

    /// <summary>The NVML form of <paramref name="bytes"/>: <c>GPU-</c> then 8-4-4-4-12 lower-case hex digits.</summary>
    /// <param name="bytes">The 16 bytes of a <c>CUuuid</c>.</param>
    /// <returns>The UUID string NVML's <c>nvmlDeviceGetUUID</c> reports for the same device.</returns>
    public static string ToNvmlString(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 16)
        {
            throw new ArgumentException($"A CUDA UUID has 16 bytes, not {bytes.Length}.", nameof(bytes));
        }

        var text = new StringBuilder("GPU-", 40);
        for (var i = 0; i < 16; i++)
        {
            if (i is 4 or 6 or 8 or 10)
            {
                text.Append('-');
            }

            text.Append(bytes[i].ToString("x2", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
