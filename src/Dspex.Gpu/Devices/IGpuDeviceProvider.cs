namespace Dspex.Gpu;

/// <summary>Where device facts come from: NVML for real devices, configuration for simulated ones.</summary>
internal interface IGpuDeviceProvider : IDisposable
{
    /// <summary>Why there are no devices (no library, no driver, zero devices); <see langword="null"/> when there are.</summary>
    string? UnavailableReason { get; }

    /// <summary>The devices, indexed by <see cref="GpuDeviceIdentity.Index"/>; empty when unavailable.</summary>
    IReadOnlyList<GpuDeviceIdentity> Devices { get; }

    /// <summary>Reads a device's memory now. Must be cheap (one NVML query, no process lists).</summary>
    /// <param name="device">The device index.</param>
    /// <param name="reading">The reading.</param>
    /// <param name="error">Why the reading failed.</param>
    /// <returns>Whether the reading succeeded.</returns>
    bool TryReadMemory(int device, out GpuMemoryReading reading, out string? error);

    /// <summary>Percent of the last sample period the device computed, or <see langword="null"/> when unknown.</summary>
    /// <param name="device">The device index.</param>
    /// <returns>The utilization.</returns>
    int? ReadUtilizationPercent(int device);

    /// <summary>
    /// Told when the ledger's reservation on a device changes. The driver sees real allocations, so NVML ignores
    /// it; a simulated device models every admitted job as allocating exactly what it reserved.
    /// </summary>
    /// <param name="device">The device index.</param>
    /// <param name="deltaBytes">Bytes reserved (positive) or released (negative).</param>
    void OnReservationChanged(int device, long deltaBytes);
}
