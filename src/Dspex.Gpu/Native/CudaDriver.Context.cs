namespace Dspex.Gpu.Native;

/// <summary>Initialisation, devices and primary contexts. A context handle stays inside this layer as <see cref="CudaContext"/>.</summary>
internal sealed unsafe partial class CudaDriver
{
    /// <summary><c>cuInit(0)</c>; may be called more than once.</summary>
    /// <returns>The result code.</returns>
    public CudaResult Init() => (CudaResult)_init(0);

    /// <summary><c>cuDriverGetVersion</c>: e.g. 12040 for CUDA 12.4.</summary>
    /// <param name="version">The version.</param>
    /// <returns>The result code.</returns>
    public CudaResult GetDriverVersion(out int version)
    {
        var value = 0;
        var rc = (CudaResult)_driverGetVersion(&value);
        version = value;
        return rc;
    }

    /// <summary><c>cuDeviceGetCount</c>: the devices CUDA sees (after <c>CUDA_VISIBLE_DEVICES</c>).</summary>
    /// <param name="count">The count.</param>
    /// <returns>The result code.</returns>
    public CudaResult GetDeviceCount(out int count)
    {
        var value = 0;
        var rc = (CudaResult)_deviceGetCount(&value);
        count = value;
        return rc;
    }

    /// <summary><c>cuDeviceGet</c>.</summary>
    /// <param name="ordinal">The CUDA ordinal (not necessarily the NVML index).</param>
    /// <param name="device">The <c>CUdevice</c>.</param>
    /// <returns>The result code.</returns>
    public CudaResult GetDevice(int ordinal, out int device)
    {
        var value = 0;
        var rc = (CudaResult)_deviceGet(&value, ordinal);
        device = value;
        return rc;
    }

    /// <summary><c>cuDeviceGetName</c>.</summary>
    /// <param name="device">The <c>CUdevice</c>.</param>
    /// <param name="name">The product name.</param>
    /// <returns>The result code.</returns>
    public CudaResult GetDeviceName(int device, out string name)
    {
        var buffer = stackalloc byte[NameBufferSize];
        var rc = (CudaResult)_deviceGetName(buffer, NameBufferSize, device);
        name = rc == CudaResult.Success ? ReadString(buffer, NameBufferSize) : string.Empty;
        return rc;
    }

    /// <summary><c>cuDeviceGetUuid_v2</c> (or v1), in NVML's text form, so CUDA ordinals can be matched to NVML indexes.</summary>
    /// <param name="device">The <c>CUdevice</c>.</param>
    /// <param name="uuid">E.g. <c>GPU-8f3c…</c>.</param>
    /// <returns>The result code; <see cref="CudaResult.NotSupported"/> when the driver lacks both functions.</returns>
    public CudaResult GetDeviceUuid(int device, out string uuid)
    {
        uuid = string.Empty;
        if (_deviceGetUuid == null)
        {
            return CudaResult.NotSupported;
        }

        var value = default(CudaUuid);
        var rc = (CudaResult)_deviceGetUuid(&value, device);
        if (rc == CudaResult.Success)
        {
            uuid = CudaUuid.ToNvmlString(value);
        }

        return rc;
    }

    /// <summary><c>cuDevicePrimaryCtxRetain</c>: the one context per device that the runtime API (and torch) share.</summary>
    /// <param name="device">The <c>CUdevice</c>.</param>
    /// <param name="context">The context.</param>
    /// <returns>The result code.</returns>
    public CudaResult RetainPrimaryContext(int device, out CudaContext context)
    {
        nint handle = 0;
        var rc = (CudaResult)_primaryCtxRetain(&handle, device);
        context = new CudaContext(handle);
        return rc;
    }

    /// <summary><c>cuDevicePrimaryCtxRelease_v2</c> (or v1): one per retain.</summary>
    /// <param name="device">The <c>CUdevice</c>.</param>
    /// <returns>The result code.</returns>
    public CudaResult ReleasePrimaryContext(int device) => (CudaResult)_primaryCtxRelease(device);

    /// <summary><c>cuCtxSetCurrent</c>: binds a context to the calling thread; every thread that allocates needs one.</summary>
    /// <param name="context">The context.</param>
    /// <returns>The result code.</returns>
    public CudaResult SetCurrent(CudaContext context) => (CudaResult)_ctxSetCurrent(context.Handle);

    /// <summary><c>cuCtxSynchronize</c>: waits for the current context's work (e.g. a memset) to finish.</summary>
    /// <returns>The result code; asynchronous errors surface here.</returns>
    public CudaResult Synchronize() => (CudaResult)_ctxSynchronize();
}
