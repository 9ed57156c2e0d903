namespace Dspex.Gpu.Native;

/// <summary>Raw device memory in the calling thread's current context. Device addresses are plain 64-bit numbers.</summary>
internal sealed unsafe partial class CudaDriver
{
    /// <summary><c>cuMemAlloc_v2</c>.</summary>
    /// <param name="bytes">The size (&gt; 0).</param>
    /// <param name="address">The device address (a <c>CUdeviceptr</c>).</param>
    /// <returns>The result code; <see cref="CudaResult.OutOfMemory"/> when the device cannot hold it.</returns>
    public CudaResult Allocate(long bytes, out ulong address)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        ulong value = 0;
        var rc = (CudaResult)_memAlloc(&value, (nuint)bytes);
        address = value;
        return rc;
    }

    /// <summary><c>cuMemFree_v2</c>.</summary>
    /// <param name="address">An address from <see cref="Allocate"/>.</param>
    /// <returns>The result code.</returns>
    public CudaResult Free(ulong address) => (CudaResult)_memFree(address);

    /// <summary><c>cuMemsetD8_v2</c>: writes every byte, so the pages are really backed (asynchronous; see <see cref="Synchronize"/>).</summary>
    /// <param name="address">The device address.</param>
    /// <param name="value">The byte written.</param>
    /// <param name="bytes">How many bytes.</param>
    /// <returns>The result code.</returns>
    public CudaResult Fill(ulong address, byte value, long bytes) => (CudaResult)_memsetD8(address, value, (nuint)bytes);

    /// <summary><c>cuMemGetInfo_v2</c> for the current context's device.</summary>
    /// <param name="free">Free bytes.</param>
    /// <param name="total">Total bytes.</param>
    /// <returns>The result code.</returns>
    public CudaResult GetMemoryInfo(out long free, out long total)
    {
        nuint f = 0, t = 0;
        var rc = (CudaResult)_memGetInfo(&f, &t);
        free = (long)f;
        total = (long)t;
        return rc;
    }
}
