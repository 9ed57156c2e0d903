using Dspex.Gpu.Native;

namespace Dspex.Gpu;

/// <summary>Real devices through NVML. Initialises NVML once on creation and shuts it down once on dispose.</summary>
internal sealed class NvmlGpuProvider : IGpuDeviceProvider
{
    private readonly NvmlLibrary? _library;
    private readonly NvmlDevice[] _handles = [];
    private int _disposed;

    private NvmlGpuProvider(string reason)
    {
        UnavailableReason = reason;
        Devices = [];
    }

    private NvmlGpuProvider(NvmlLibrary library, NvmlDevice[] handles, GpuDeviceIdentity[] devices)
    {
        _library = library;
        _handles = handles;
        Devices = devices;
    }

    /// <inheritdoc />
    public string? UnavailableReason { get; }

    /// <inheritdoc />
    public IReadOnlyList<GpuDeviceIdentity> Devices { get; }

    /// <summary>Loads NVML from <paramref name="libraryPath"/> and enumerates its devices; never throws for a missing driver.</summary>
    /// <param name="libraryPath">The NVML library soname or path.</param>
    /// <returns>A provider with devices, or one whose <see cref="UnavailableReason"/> says why it has none.</returns>
    public static NvmlGpuProvider Open(string libraryPath = NvmlLibrary.DefaultPath)
    {
        if (!NvmlLibrary.TryLoad(libraryPath, out var library, out var reason))
        {
            return new NvmlGpuProvider(reason);
        }

        var rc = library.Init();
        if (rc != NvmlReturn.Success)
        {
            return new NvmlGpuProvider($"nvmlInit_v2 failed: {library.Describe(rc)}");
        }

        if (!TryEnumerate(library, out var handles, out var devices, out reason))
        {
            library.Shutdown();
            return new NvmlGpuProvider(reason);
        }

        return new NvmlGpuProvider(library, handles, devices);
    }

    /// <inheritdoc />
    public bool TryReadMemory(int device, out GpuMemoryReading reading, out string? error)
    {
        reading = default;
        if (_library is null || (uint)device >= (uint)_handles.Length || Volatile.Read(ref _disposed) != 0)
        {
            error = $"GPU {device} is not available";
            return false;
        }

        var rc = _library.GetMemory(_handles[device], out var total, out var used);
        if (rc != NvmlReturn.Success)
        {
            error = $"nvmlDeviceGetMemoryInfo on GPU {device} failed: {_library.Describe(rc)}";
            return false;
        }

        reading = new GpuMemoryReading(checked((long)total), checked((long)used));
        error = null;
        return true;
    }

    /// <inheritdoc />
    public int? ReadUtilizationPercent(int device)
    {
        if (_library is null || (uint)device >= (uint)_handles.Length || Volatile.Read(ref _disposed) != 0)
        {
            return null;
        }

        return _library.GetUtilization(_handles[device], out var percent) == NvmlReturn.Success ? (int)percent : null;
    }

    /// <inheritdoc />
    public void OnReservationChanged(int device, long deltaBytes)
    {
        // The driver sees what our jobs really allocate; a reservation by itself changes nothing there.
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            // The library stays mapped: unloading a driver library whose threads may still run is never worth it.
            _library?.Shutdown();
        }
    }

    private static bool TryEnumerate(NvmlLibrary library, out NvmlDevice[] handles, out GpuDeviceIdentity[] devices, out string reason)
    {
        handles = [];
        devices = [];
        var rc = library.GetDeviceCount(out var count);
        if (rc != NvmlReturn.Success)
        {
            reason = $"nvmlDeviceGetCount_v2 failed: {library.Describe(rc)}";
            return false;
        }

        if (count == 0)
        {
            reason = "NVML is installed but reports no GPU";
            return false;
        }

        handles = new NvmlDevice[count];
        devices = new GpuDeviceIdentity[count];
        for (var i = 0u; i < count; i++)
        {
            if ((rc = library.GetDeviceHandle(i, out handles[i])) != NvmlReturn.Success
                || (rc = library.GetName(handles[i], out var name)) != NvmlReturn.Success
                || (rc = library.GetUuid(handles[i], out var uuid)) != NvmlReturn.Success
                || (rc = library.GetMemory(handles[i], out var total, out _)) != NvmlReturn.Success)
            {
                reason = $"querying GPU {i} failed: {library.Describe(rc)}";
                return false;
            }

            devices[i] = new GpuDeviceIdentity((int)i, name, uuid, checked((long)total), IsSimulated: false);
        }

        reason = string.Empty;
        return true;
    }
}
