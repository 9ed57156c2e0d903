namespace Dspex.Gpu;

/// <summary>One point of a simulated device's "other processes" usage curve; usage is linear between points.</summary>
public sealed class SimulatedUsagePoint
{
    /// <summary>Time since the devices were created.</summary>
    public TimeSpan At { get; set; }

    /// <summary>Memory other processes use at <see cref="At"/>, in bytes (≥ 0).</summary>
    public long Bytes { get; set; }
}
