namespace Dspex.Gpu.Native;

/// <summary>An opaque <c>nvmlDevice_t</c>; the raw pointer never leaves the native layer.</summary>
internal readonly record struct NvmlDevice(nint Handle);
