namespace Dspex.Gpu.Native;

/// <summary>The <c>CUresult</c> codes Dspex distinguishes; any other value is reported by number (and by the driver's name for it).</summary>
internal enum CudaResult
{
    Success = 0,
    InvalidValue = 1,
    OutOfMemory = 2,
    NotInitialized = 3,
    Deinitialized = 4,
    NoDevice = 100,
    InvalidDevice = 101,
    InvalidContext = 201,
    NotFound = 500,
    NotSupported = 801,
    Unknown = 999,
}
