namespace Dspex.Gpu.Tests;

/// <summary>A fact that runs only where NVML loads and reports a device; elsewhere it is reported skipped with the reason.</summary>
public sealed class NvmlFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Unavailable = new(() =>
    {
        using var provider = NvmlGpuProvider.Open();
        return provider.UnavailableReason;
    });

    public NvmlFactAttribute()
    {
        if (Unavailable.Value is string reason)
        {
            Skip = "No NVIDIA GPU here: " + reason;
        }
    }
}
