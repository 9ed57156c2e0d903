namespace Dspex.Gpu;

/// <summary>A device that exists only in configuration, for tests and for trying GPU admission without a GPU.</summary>
public sealed class SimulatedGpuOptions
{
    /// <summary>The name reported for the device.</summary>
    public string Name { get; set; } = "Simulated GPU";

    /// <summary>Physical memory, in bytes (&gt; 0).</summary>
    public long TotalBytes { get; set; }

    /// <summary>
    /// Memory used by processes other than Dspex over time: linear between points, flat before the first and after
    /// the last. Empty: none.
    /// </summary>
    public IList<SimulatedUsagePoint> OtherProcesses { get; set; } = [];
}
