using System.Diagnostics;

namespace Dspex.Load;

/// <summary>CPU-bound stand-in work: a busy loop for a wall-clock duration, stopping early when cancelled.</summary>
internal static class SpinWork
{
    public static int Spin(TimeSpan duration, CancellationToken cancellationToken)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var spins = 0;
        while (Stopwatch.GetTimestamp() < end)
        {
            spins++;
            if ((spins & 0x3FF) == 0 && cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        return spins;
    }
}
