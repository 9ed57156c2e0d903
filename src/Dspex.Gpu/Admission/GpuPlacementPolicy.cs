namespace Dspex.Gpu;

/// <summary>Which device a job goes to when it fits on several.</summary>
public enum GpuPlacementPolicy
{
    /// <summary>The device with the least memory left over after the job: keeps large holes for large jobs.</summary>
    BestFit,

    /// <summary>The device with the most memory available: spreads jobs, and their compute, across devices.</summary>
    LeastLoaded,
}
