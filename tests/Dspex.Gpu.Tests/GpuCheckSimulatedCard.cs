using System.Diagnostics.CodeAnalysis;
using Dspex.GpuCheck.Fit;

namespace Dspex.Gpu.Tests;

/// <summary>
/// Test double for the fit test: devices whose "used" memory is other processes plus what jobs really allocated
/// through it (as NVML reports it: a reservation alone changes nothing), and an allocator that fails like
/// CUDA_ERROR_OUT_OF_MEMORY when an allocation would not fit in the physical memory.
/// </summary>
internal sealed class GpuCheckSimulatedCard : IGpuDeviceProvider, IDeviceAllocator
{
    private readonly long[] _physical;
    private readonly long[] _others;
    private readonly long[] _allocated;
    private readonly long[] _peak;
    private long _nextAddress = 0x1000;

    /// <param name="physical">Each device's real capacity.</param>
    /// <param name="others">Memory other processes use on each device.</param>
    /// <param name="reportedTotals">What the device reports as total; the physical size unless a test makes it lie.</param>
    public GpuCheckSimulatedCard(long[] physical, long[]? others = null, long[]? reportedTotals = null)
    {
        _physical = physical;
        _others = others ?? new long[physical.Length];
        _allocated = new long[physical.Length];
        _peak = new long[physical.Length];
        var totals = reportedTotals ?? physical;
        Devices = totals.Select((t, i) => new GpuDeviceIdentity(i, $"Simulated card {i}", $"GPU-sim-{i}", t, IsSimulated: true)).ToArray();
    }

    public string? UnavailableReason => null;

    public IReadOnlyList<GpuDeviceIdentity> Devices { get; }

    public string Description => "simulated allocator (test)";

    public long Allocated(int device) => Volatile.Read(ref _allocated[device]);

    public long PeakAllocated(int device) => Volatile.Read(ref _peak[device]);

    public bool TryReadMemory(int device, out GpuMemoryReading reading, out string? error)
    {
        reading = new GpuMemoryReading(Devices[device].TotalBytes, _others[device] + Allocated(device));
        error = null;
        return true;
    }

    public int? ReadUtilizationPercent(int device) => null;

    public void OnReservationChanged(int device, long deltaBytes)
    {
        // Like the real driver: only allocations change used memory.
    }

    public bool TryAllocate(int device, long bytes, out DeviceAllocation allocation, [NotNullWhen(false)] out AllocationFailure? failure)
    {
        var capacity = _physical[device] - _others[device];
        var seen = Volatile.Read(ref _allocated[device]);
        while (true)
        {
            if (seen + bytes > capacity)
            {
                allocation = default;
                failure = new AllocationFailure(true, $"CUDA_ERROR_OUT_OF_MEMORY (2): {bytes} bytes with {seen} of {capacity} in use");
                return false;
            }

            var previous = Interlocked.CompareExchange(ref _allocated[device], seen + bytes, seen);
            if (previous == seen)
            {
                break;
            }

            seen = previous;
        }

        var now = seen + bytes;
        for (var peak = Volatile.Read(ref _peak[device]); now > peak && Interlocked.CompareExchange(ref _peak[device], now, peak) != peak; peak = Volatile.Read(ref _peak[device]))
        {
        }

        allocation = new DeviceAllocation(device, (ulong)Interlocked.Add(ref _nextAddress, bytes), bytes);
        failure = null;
        return true;
    }

    public bool TryFree(DeviceAllocation allocation, [NotNullWhen(false)] out string? error)
    {
        if (Interlocked.Add(ref _allocated[allocation.Device], -allocation.Bytes) < 0)
        {
            error = "freed more than was allocated";
            return false;
        }

        error = null;
        return true;
    }

    public void Dispose()
    {
    }
}
