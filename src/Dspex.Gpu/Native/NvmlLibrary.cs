using System.Runtime.InteropServices;

namespace Dspex.Gpu.Native;

/// <summary>
/// <c>libnvidia-ml</c> loaded with <see cref="NativeLibrary.TryLoad(string, out nint)"/> and bound through function
/// pointers, so that a machine without the driver gets a reason instead of a <see cref="DllNotFoundException"/>,
/// and an older driver without <c>nvmlDeviceGetMemoryInfo_v2</c> still works through v1.
/// Split by NVML area: this file loads, <c>NvmlLibrary.Init.cs</c>, <c>.Device.cs</c>, <c>.Memory.cs</c> call.
/// </summary>
internal sealed unsafe partial class NvmlLibrary
{
    /// <summary>The soname the driver installs; the unversioned <c>libnvidia-ml.so</c> ships only with dev packages.</summary>
    public const string DefaultPath = "libnvidia-ml.so.1";

    /// <summary><c>NVML_DEVICE_NAME_V2_BUFFER_SIZE</c>.</summary>
    private const int NameBufferSize = 96;

    /// <summary><c>NVML_DEVICE_UUID_V2_BUFFER_SIZE</c>.</summary>
    private const int UuidBufferSize = 96;

    private readonly delegate* unmanaged<int> _init;
    private readonly delegate* unmanaged<int> _shutdown;
    private readonly delegate* unmanaged<int, byte*> _errorString;
    private readonly delegate* unmanaged<uint*, int> _getCount;
    private readonly delegate* unmanaged<uint, nint*, int> _getHandleByIndex;
    private readonly delegate* unmanaged<nint, byte*, uint, int> _getName;
    private readonly delegate* unmanaged<nint, byte*, uint, int> _getUuid;
    private readonly delegate* unmanaged<nint, NvmlMemory*, int> _getMemoryInfo;
    private readonly delegate* unmanaged<nint, NvmlMemoryV2*, int> _getMemoryInfoV2;
    private readonly delegate* unmanaged<nint, NvmlUtilization*, int> _getUtilization;

    private NvmlLibrary(string path, nint handle)
    {
        Path = path;
        _init = (delegate* unmanaged<int>)NativeLibrary.GetExport(handle, "nvmlInit_v2");
        _shutdown = (delegate* unmanaged<int>)NativeLibrary.GetExport(handle, "nvmlShutdown");
        _getCount = (delegate* unmanaged<uint*, int>)NativeLibrary.GetExport(handle, "nvmlDeviceGetCount_v2");
        _getHandleByIndex = (delegate* unmanaged<uint, nint*, int>)NativeLibrary.GetExport(handle, "nvmlDeviceGetHandleByIndex_v2");
        _getName = (delegate* unmanaged<nint, byte*, uint, int>)NativeLibrary.GetExport(handle, "nvmlDeviceGetName");
        _getUuid = (delegate* unmanaged<nint, byte*, uint, int>)NativeLibrary.GetExport(handle, "nvmlDeviceGetUUID");
        _getMemoryInfo = (delegate* unmanaged<nint, NvmlMemory*, int>)NativeLibrary.GetExport(handle, "nvmlDeviceGetMemoryInfo");

        // Optional: v2 memory appeared in R510, utilization is missing on some vGPU builds, error strings are cosmetic.
        _getMemoryInfoV2 = (delegate* unmanaged<nint, NvmlMemoryV2*, int>)OptionalExport(handle, "nvmlDeviceGetMemoryInfo_v2");
        _getUtilization = (delegate* unmanaged<nint, NvmlUtilization*, int>)OptionalExport(handle, "nvmlDeviceGetUtilizationRates");
        _errorString = (delegate* unmanaged<int, byte*>)OptionalExport(handle, "nvmlErrorString");
    }

    /// <summary>The path the library was loaded from.</summary>
    public string Path { get; }

    /// <summary>Whether the driver exports <c>nvmlDeviceGetMemoryInfo_v2</c>.</summary>
    public bool HasMemoryInfoV2 => _getMemoryInfoV2 != null;

    /// <summary>Loads the library at <paramref name="path"/> and binds every function Dspex calls.</summary>
    /// <param name="path">A soname searched the way <c>dlopen</c> does, or a file path.</param>
    /// <param name="library">The bound library.</param>
    /// <param name="reason">Why it could not be loaded.</param>
    /// <returns>Whether the library was loaded and has every required export.</returns>
    public static bool TryLoad(string path, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out NvmlLibrary? library, out string reason)
    {
        library = null;
        if (!NativeLibrary.TryLoad(path, out var handle))
        {
            reason = $"the NVIDIA management library '{path}' could not be loaded (no NVIDIA driver installed?)";
            return false;
        }

        string[] required =
        [
            "nvmlInit_v2", "nvmlShutdown", "nvmlDeviceGetCount_v2", "nvmlDeviceGetHandleByIndex_v2",
            "nvmlDeviceGetName", "nvmlDeviceGetUUID", "nvmlDeviceGetMemoryInfo",
        ];
        foreach (var name in required)
        {
            if (!NativeLibrary.TryGetExport(handle, name, out _))
            {
                NativeLibrary.Free(handle);
                reason = $"'{path}' was loaded but does not export {name}; it is not a usable NVML library";
                return false;
            }
        }

        library = new NvmlLibrary(path, handle);
        reason = string.Empty;
        return true;
    }

    /// <summary>Describes an NVML return code with the driver's own text when it offers one.</summary>
    /// <param name="code">The code.</param>
    /// <returns>E.g. <c>NVML_ERROR_DRIVER_NOT_LOADED (9): Driver Not Loaded</c>.</returns>
    public string Describe(NvmlReturn code)
    {
        var text = _errorString == null ? null : Marshal.PtrToStringUTF8((nint)_errorString((int)code));
        return text is null ? $"{code} ({(int)code})" : $"{code} ({(int)code}): {text}";
    }

    private static nint OptionalExport(nint handle, string name)
        => NativeLibrary.TryGetExport(handle, name, out var address) ? address : 0;

    private static string ReadString(byte* buffer, int size)
    {
        var span = new ReadOnlySpan<byte>(buffer, size);
        var end = span.IndexOf((byte)0);
        return System.Text.Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
    }
}
