using Dspex.Scheduler;

namespace Dspex.Gpu;

/// <summary>GPU admission options. Bound from the <c>Dspex:Gpu</c> configuration section.</summary>
public sealed class GpuOptions
{
    /// <summary>The configuration section these options are bound from by convention.</summary>
    public const string SectionName = "Dspex:Gpu";

    private const long MiB = 1024 * 1024;

    /// <summary>Memory per device never handed to jobs: slack for fragmentation and allocator caches (≥ 0).</summary>
    public long HeadroomBytes { get; set; } = 512 * MiB;

    /// <summary>Memory one worker's CUDA context takes on a device (≥ 0); typically 300–600 MiB.</summary>
    public long WorkerContextBytes { get; set; } = 512 * MiB;

    /// <summary>
    /// How many worker contexts to reserve per device (≥ 0): 1 for an in-process pool (one context per device per
    /// process), the pool's size plus overflow for process isolation without pinning.
    /// </summary>
    public int WorkerContextsPerDevice { get; set; } = 1;

    /// <summary>How often the ledger re-reads each device's memory (&gt; 0).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Which device a job goes to when it fits on several; a pool may override it.</summary>
    public GpuPlacementPolicy PlacementPolicy { get; set; } = GpuPlacementPolicy.BestFit;

    /// <summary>What a pool does with GPU jobs when no GPU is usable; a pool may override it.</summary>
    public NoGpuPolicy NoGpuPolicy { get; set; } = NoGpuPolicy.Reject;

    /// <summary>
    /// Bypass bound N (≥ 0): once N later jobs were admitted past a waiting job to devices it could use, those
    /// devices take no new job until it is admitted (plus one per other worker racing the lock-free fast path).
    /// </summary>
    public int BypassLimit { get; set; } = 8;

    /// <summary>The NVML library to load.</summary>
    public string NvmlLibraryPath { get; set; } = "libnvidia-ml.so.1";

    /// <summary>
    /// Simulated devices. When any are listed they are used and NVML is not loaded; when none are, only real
    /// devices are used — a simulated device never stands in for a missing GPU.
    /// </summary>
    public IList<SimulatedGpuOptions> SimulatedDevices { get; set; } = [];

    /// <summary>The pools that get a GPU gate, by name (case-insensitive), with their overrides. Default: the neural pool.</summary>
    public IDictionary<string, GpuPoolOptions> Pools { get; set; } =
        new Dictionary<string, GpuPoolOptions>(StringComparer.OrdinalIgnoreCase) { [PoolNames.Neural] = new() };

    /// <summary>Memory per device never handed to jobs: headroom plus the worker contexts.</summary>
    internal long FixedCostBytes => HeadroomBytes + (WorkerContextBytes * WorkerContextsPerDevice);
}
