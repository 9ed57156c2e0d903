namespace Dspex.Gpu.Native;

/// <summary>The <c>nvmlReturn_t</c> codes Dspex distinguishes; any other value is reported by number.</summary>
internal enum NvmlReturn
{
    Success = 0,
    Uninitialized = 1,
    InvalidArgument = 2,
    NotSupported = 3,
    NoPermission = 4,
    AlreadyInitialized = 5,
    NotFound = 6,
    InsufficientSize = 7,
    DriverNotLoaded = 9,
    LibraryNotFound = 12,
    FunctionNotFound = 13,
    GpuIsLost = 15,
    ArgumentVersionMismatch = 25,
    Unknown = 999,
}
