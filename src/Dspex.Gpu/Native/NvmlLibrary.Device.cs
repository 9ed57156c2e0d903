namespace Dspex.Gpu.Native;

/// <summary>Device enumeration and identity. Handles stay inside this layer as <see cref="NvmlDevice"/>.</summary>
internal sealed unsafe partial class NvmlLibrary
{
    /// <summary><c>nvmlDeviceGetCount_v2</c>.</summary>
    /// <param name="count">The number of devices NVML sees.</param>
    /// <returns>The NVML return code.</returns>
    public NvmlReturn GetDeviceCount(out uint count)
    {
        uint value = 0;
        var rc = (NvmlReturn)_getCount(&value);
        count = value;
        return rc;
    }

    /// <summary><c>nvmlDeviceGetHandleByIndex_v2</c>.</summary>
    /// <param name="index">The NVML index (PCI bus order).</param>
    /// <param name="device">The device handle.</param>
    /// <returns>The NVML return code.</returns>
    public NvmlReturn GetDeviceHandle(uint index, out NvmlDevice device)
    {
        nint handle = 0;
        var rc = (NvmlReturn)_getHandleByIndex(index, &handle);
        device = new NvmlDevice(handle);
        return rc;
    }

    /// <summary><c>nvmlDeviceGetName</c>.</summary>
    /// <param name="device">The device.</param>
    /// <param name="name">The product name, e.g. <c>NVIDIA H200</c>.</param>
    /// <returns>The NVML return code.</returns>
    public NvmlReturn GetName(NvmlDevice device, out string name)
    {
        var buffer = stackalloc byte[NameBufferSize];
        var rc = (NvmlReturn)_getName(device.Handle, buffer, NameBufferSize);
        name = rc == NvmlReturn.Success ? ReadString(buffer, NameBufferSize) : string.Empty;
        return rc;
    }

    /// <summary><c>nvmlDeviceGetUUID</c>.</summary>
    /// <param name="device">The device.</param>
    /// <param name="uuid">The UUID, e.g. <c>GPU-8f3c…</c>; CUDA accepts it in <c>CUDA_VISIBLE_DEVICES</c>.</param>
    /// <returns>The NVML return code.</returns>
    public NvmlReturn GetUuid(NvmlDevice device, out string uuid)
    {
        var buffer = stackalloc byte[UuidBufferSize];
        var rc = (NvmlReturn)_getUuid(device.Handle, buffer, UuidBufferSize);
        uuid = rc == NvmlReturn.Success ? ReadString(buffer, UuidBufferSize) : string.Empty;
        return rc;
    }
}
