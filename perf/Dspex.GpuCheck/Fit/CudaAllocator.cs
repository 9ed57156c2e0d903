using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Dspex.Gpu;
using Dspex.Gpu.Native;

namespace Dspex.GpuCheck.Fit;

/// <summary>
/// Allocates through the CUDA driver API: each device's primary context is retained once, made current on the
/// worker thread before every call, and the memory is written with <c>cuMemsetD8</c> so its pages are really backed.
/// NVML indexes are matched to CUDA ordinals by UUID, because CUDA orders devices fastest-first unless told otherwise.
/// </summary>
internal sealed class CudaAllocator : IDeviceAllocator
{
    private readonly CudaDriver _driver;
    private readonly int[] _cudaDevices;
    private readonly CudaContext[] _contexts;
    private readonly bool _touch;
    private int _disposed;

    private CudaAllocator(CudaDriver driver, int[] cudaDevices, CudaContext[] contexts, bool touch, string description)
    {
        _driver = driver;
        _cudaDevices = cudaDevices;
        _contexts = contexts;
        _touch = touch;
        Description = description;
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Loads the driver, matches every NVML device to a CUDA device and retains its primary context.</summary>
    /// <param name="libraryPath">The CUDA driver library, e.g. <c>libcuda.so.1</c>.</param>
    /// <param name="devices">The NVML devices, by index.</param>
    /// <param name="touch">Whether to write every allocated byte.</param>
    /// <param name="allocator">The allocator.</param>
    /// <param name="reason">Why there is none.</param>
    /// <returns>Whether every device can be allocated on.</returns>
    public static bool TryOpen(string libraryPath, IReadOnlyList<GpuDeviceIdentity> devices, bool touch,
        [NotNullWhen(true)] out CudaAllocator? allocator, out string reason)
    {
        ArgumentNullException.ThrowIfNull(devices);
        allocator = null;
        if (!CudaDriver.TryLoad(libraryPath, out var driver, out reason))
        {
            return false;
        }

        CudaResult rc;
        if ((rc = driver.Init()) != CudaResult.Success)
        {
            reason = $"cuInit failed: {driver.Describe(rc)}";
            return false;
        }

        if ((rc = driver.GetDriverVersion(out var version)) != CudaResult.Success
            || (rc = driver.GetDeviceCount(out var count)) != CudaResult.Success)
        {
            reason = $"querying the CUDA driver failed: {driver.Describe(rc)}";
            return false;
        }

        if (!TryMatch(driver, devices, count, out var cudaDevices, out reason))
        {
            return false;
        }

        var contexts = new CudaContext[cudaDevices.Length];
        for (var i = 0; i < cudaDevices.Length; i++)
        {
            if ((rc = driver.RetainPrimaryContext(cudaDevices[i], out contexts[i])) != CudaResult.Success)
            {
                for (var j = 0; j < i; j++)
                {
                    driver.ReleasePrimaryContext(cudaDevices[j]);
                }

                reason = $"cuDevicePrimaryCtxRetain on GPU {i} failed: {driver.Describe(rc)}";
                return false;
            }
        }

        var description = string.Create(CultureInfo.InvariantCulture,
            $"CUDA driver API {version / 1000}.{version % 1000 / 10} ({driver.Path}), cuMemAlloc_v2{(touch ? " + cuMemsetD8_v2 (pages touched)" : string.Empty)}");
        allocator = new CudaAllocator(driver, cudaDevices, contexts, touch, description);
        return true;
    }

    /// <inheritdoc />
    public bool TryAllocate(int device, long bytes, out DeviceAllocation allocation, [NotNullWhen(false)] out AllocationFailure? failure)
    {
        allocation = default;
        if ((uint)device >= (uint)_contexts.Length)
        {
            failure = new AllocationFailure(false, $"GPU {device} does not exist; the allocator knows {_contexts.Length}");
            return false;
        }

        var rc = _driver.SetCurrent(_contexts[device]);
        if (rc != CudaResult.Success)
        {
            failure = Failure("cuCtxSetCurrent", rc);
            return false;
        }

        if ((rc = _driver.Allocate(bytes, out var address)) != CudaResult.Success)
        {
            failure = Failure(string.Create(CultureInfo.InvariantCulture, $"cuMemAlloc_v2({bytes})"), rc);
            return false;
        }

        if (_touch && ((rc = _driver.Fill(address, 0xA5, bytes)) != CudaResult.Success || (rc = _driver.Synchronize()) != CudaResult.Success))
        {
            _driver.Free(address);
            failure = Failure("cuMemsetD8_v2", rc);
            return false;
        }

        allocation = new DeviceAllocation(device, address, bytes);
        failure = null;
        return true;
    }

    /// <inheritdoc />
    public bool TryFree(DeviceAllocation allocation, [NotNullWhen(false)] out string? error)
    {
        var rc = _driver.SetCurrent(_contexts[allocation.Device]);
        if (rc == CudaResult.Success)
        {
            rc = _driver.Free(allocation.Address);
        }

        error = rc == CudaResult.Success ? null : $"cuMemFree_v2: {_driver.Describe(rc)}";
        return error is null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            foreach (var device in _cudaDevices)
            {
                _driver.ReleasePrimaryContext(device);
            }
        }
    }

    private static bool TryMatch(CudaDriver driver, IReadOnlyList<GpuDeviceIdentity> devices, int count, out int[] cudaDevices, out string reason)
    {
        cudaDevices = new int[devices.Count];
        var byUuid = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var ordinal = 0; ordinal < count; ordinal++)
        {
            CudaResult rc;
            if ((rc = driver.GetDevice(ordinal, out var device)) != CudaResult.Success)
            {
                reason = $"cuDeviceGet({ordinal}) failed: {driver.Describe(rc)}";
                return false;
            }

            if (driver.GetDeviceUuid(device, out var uuid) == CudaResult.Success)
            {
                byUuid[uuid] = device;
            }
        }

        for (var i = 0; i < devices.Count; i++)
        {
            if (byUuid.TryGetValue(devices[i].Uuid, out var device))
            {
                cudaDevices[i] = device;
            }
            else if (devices.Count == 1 && count == 1 && driver.GetDevice(0, out device) == CudaResult.Success)
            {
                // One device on each side (e.g. a driver without cuDeviceGetUuid): they can only be the same card.
                cudaDevices[i] = device;
            }
            else
            {
                reason = $"NVML GPU {i} ({devices[i].Uuid}) is not among the {count} device(s) CUDA sees"
                    + $" (CUDA_VISIBLE_DEVICES={Environment.GetEnvironmentVariable(CudaPinning.VariableName) ?? "unset"}); the fit test needs CUDA to see every device";
                return false;
            }
        }

        reason = string.Empty;
        return true;
    }

    private AllocationFailure Failure(string call, CudaResult rc)
        => new(rc == CudaResult.OutOfMemory, $"{call} failed: {_driver.Describe(rc)}");
}
