namespace Dspex.Gpu;

/// <summary>One pool's GPU policies. Bound from <c>Dspex:Gpu:Pools:&lt;name&gt;</c>; unset values take the <see cref="GpuOptions"/> ones.</summary>
public sealed class GpuPoolOptions
{
    /// <summary>Overrides <see cref="GpuOptions.PlacementPolicy"/>.</summary>
    public GpuPlacementPolicy? PlacementPolicy { get; set; }

    /// <summary>Overrides <see cref="GpuOptions.NoGpuPolicy"/>.</summary>
    public NoGpuPolicy? NoGpuPolicy { get; set; }
}
