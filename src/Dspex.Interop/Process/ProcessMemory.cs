using System.Globalization;

namespace Dspex.Interop.Process;

/// <summary>Reads a process's resident memory from <c>/proc/PID/status</c>.</summary>
internal static class ProcessMemory
{
    /// <summary>The VmRSS of <paramref name="pid"/> in KiB, or <see langword="null"/> when it cannot be read (exited, not Linux).</summary>
    public static long? ResidentKib(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var digits = line.AsSpan(6).Trim();
                    var end = digits.IndexOf(' ');
                    return long.Parse(end < 0 ? digits : digits[..end], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }
}
