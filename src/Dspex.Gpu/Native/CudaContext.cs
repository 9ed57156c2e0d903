namespace Dspex.Gpu.Native;

/// <summary>An opaque <c>CUcontext</c>; the raw pointer never leaves the native layer.</summary>
internal readonly record struct CudaContext(nint Handle);
