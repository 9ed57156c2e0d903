using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Dspex.Gpu.Native;

/// <summary>
/// The CUDA driver API (<c>libcuda.so.1</c>), loaded with <see cref="NativeLibrary.TryLoad(string, out nint)"/> and
/// bound through function pointers, so a machine without the driver gets a reason instead of a
/// <see cref="DllNotFoundException"/>. Only what the GPU check needs: devices, primary contexts, raw allocations.
/// Split by area: this file loads, <c>CudaDriver.Context.cs</c> and <c>CudaDriver.Memory.cs</c> call.
/// </summary>
internal sealed unsafe partial class CudaDriver
{
    /// <summary>The soname the driver installs; the unversioned <c>libcuda.so</c> ships only with dev packages.</summary>
    public const string DefaultPath = "libcuda.so.1";

    private const int NameBufferSize = 256;

    private readonly delegate* unmanaged<uint, int> _init;
    private readonly delegate* unmanaged<int*, int> _driverGetVersion;
    private readonly delegate* unmanaged<int*, int> _deviceGetCount;
    private readonly delegate* unmanaged<int*, int, int> _deviceGet;
    private readonly delegate* unmanaged<byte*, int, int, int> _deviceGetName;
    private readonly delegate* unmanaged<CudaUuid*, int, int> _deviceGetUuid;
    private readonly delegate* unmanaged<nint*, int, int> _primaryCtxRetain;
    private readonly delegate* unmanaged<int, int> _primaryCtxRelease;
    private readonly delegate* unmanaged<nint, int> _ctxSetCurrent;
    private readonly delegate* unmanaged<int> _ctxSynchronize;
    private readonly delegate* unmanaged<ulong*, nuint, int> _memAlloc;
    private readonly delegate* unmanaged<ulong, int> _memFree;
    private readonly delegate* unmanaged<ulong, byte, nuint, int> _memsetD8;
    private readonly delegate* unmanaged<nuint*, nuint*, int> _memGetInfo;
    private readonly delegate* unmanaged<int, byte**, int> _getErrorName;

    private CudaDriver(string path, nint handle)
    {
        Path = path;
        _init = (delegate* unmanaged<uint, int>)NativeLibrary.GetExport(handle, "cuInit");
        _driverGetVersion = (delegate* unmanaged<int*, int>)NativeLibrary.GetExport(handle, "cuDriverGetVersion");
        _deviceGetCount = (delegate* unmanaged<int*, int>)NativeLibrary.GetExport(handle, "cuDeviceGetCount");
        _deviceGet = (delegate* unmanaged<int*, int, int>)NativeLibrary.GetExport(handle, "cuDeviceGet");
        _deviceGetName = (delegate* unmanaged<byte*, int, int, int>)NativeLibrary.GetExport(handle, "cuDeviceGetName");
        _primaryCtxRetain = (delegate* unmanaged<nint*, int, int>)NativeLibrary.GetExport(handle, "cuDevicePrimaryCtxRetain");
        _ctxSetCurrent = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(handle, "cuCtxSetCurrent");
        _ctxSynchronize = (delegate* unmanaged<int>)NativeLibrary.GetExport(handle, "cuCtxSynchronize");
        _memAlloc = (delegate* unmanaged<ulong*, nuint, int>)NativeLibrary.GetExport(handle, "cuMemAlloc_v2");
        _memFree = (delegate* unmanaged<ulong, int>)NativeLibrary.GetExport(handle, "cuMemFree_v2");
        _memsetD8 = (delegate* unmanaged<ulong, byte, nuint, int>)NativeLibrary.GetExport(handle, "cuMemsetD8_v2");
        _memGetInfo = (delegate* unmanaged<nuint*, nuint*, int>)NativeLibrary.GetExport(handle, "cuMemGetInfo_v2");

        // Versioned names first: the _v2 entry points exist since CUDA 11.0 / 11.4, the plain ones since 7.0 / 9.2.
        _primaryCtxRelease = (delegate* unmanaged<int, int>)FirstExport(handle, "cuDevicePrimaryCtxRelease_v2", "cuDevicePrimaryCtxRelease");
        _deviceGetUuid = (delegate* unmanaged<CudaUuid*, int, int>)FirstExport(handle, "cuDeviceGetUuid_v2", "cuDeviceGetUuid");
        _getErrorName = (delegate* unmanaged<int, byte**, int>)FirstExport(handle, "cuGetErrorName");
    }

    /// <summary>The functions a usable driver must export (the UUID and error-name ones are optional).</summary>
    internal static IReadOnlyList<string> RequiredExports { get; } =
    [
        "cuInit", "cuDriverGetVersion", "cuDeviceGetCount", "cuDeviceGet", "cuDeviceGetName",
        "cuDevicePrimaryCtxRetain", "cuCtxSetCurrent", "cuCtxSynchronize",
        "cuMemAlloc_v2", "cuMemFree_v2", "cuMemsetD8_v2", "cuMemGetInfo_v2",
    ];

    /// <summary>The path the library was loaded from.</summary>
    public string Path { get; }

    /// <summary>Whether the driver can report device UUIDs (needed to match CUDA ordinals to NVML indexes).</summary>
    public bool HasDeviceUuid => _deviceGetUuid != null;

    /// <summary>Loads the driver library at <paramref name="path"/> and binds every function Dspex calls.</summary>
    /// <param name="path">A soname searched the way <c>dlopen</c> does, or a file path.</param>
    /// <param name="driver">The bound driver.</param>
    /// <param name="reason">Why it could not be loaded.</param>
    /// <returns>Whether the library was loaded and has every required export.</returns>
    public static bool TryLoad(string path, [NotNullWhen(true)] out CudaDriver? driver, out string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        driver = null;
        if (!NativeLibrary.TryLoad(path, out var handle))
        {
            reason = $"the CUDA driver library '{path}' could not be loaded (no NVIDIA driver installed?)";
            return false;
        }

        foreach (var name in RequiredExports)
        {
            if (!NativeLibrary.TryGetExport(handle, name, out _))
            {
                NativeLibrary.Free(handle);
                reason = $"'{path}' was loaded but does not export {name}; it is not a usable CUDA driver library";
                return false;
            }
        }

        if (!NativeLibrary.TryGetExport(handle, "cuDevicePrimaryCtxRelease_v2", out _)
            && !NativeLibrary.TryGetExport(handle, "cuDevicePrimaryCtxRelease", out _))
        {
            NativeLibrary.Free(handle);
            reason = $"'{path}' exports neither cuDevicePrimaryCtxRelease_v2 nor cuDevicePrimaryCtxRelease";
            return false;
        }

        driver = new CudaDriver(path, handle);
        reason = string.Empty;
        return true;
    }

    /// <summary>Describes a result code with the driver's own name for it when it offers one.</summary>
    /// <param name="code">The code.</param>
    /// <returns>E.g. <c>CUDA_ERROR_OUT_OF_MEMORY (2)</c>.</returns>
    public string Describe(CudaResult code)
    {
        byte* name = null;
        if (_getErrorName != null && _getErrorName((int)code, &name) == 0 && name != null)
        {
            return $"{Marshal.PtrToStringUTF8((nint)name)} ({(int)code})";
        }

        return $"{code} ({(int)code})";
    }

    private static nint FirstExport(nint handle, params string[] names)
    {
        foreach (var name in names)
        {
            if (NativeLibrary.TryGetExport(handle, name, out var address))
            {
                return address;
            }
        }

        return 0;
    }

    private static string ReadString(byte* buffer, int size)
    {
        var span = new ReadOnlySpan<byte>(buffer, size);
        var end = span.IndexOf((byte)0);
        return System.Text.Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
    }
}
