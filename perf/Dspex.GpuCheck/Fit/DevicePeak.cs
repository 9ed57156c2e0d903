namespace Dspex.GpuCheck.Fit;

/// <summary>What one device went through during the fit test.</summary>
/// <param name="Index">The device index.</param>
/// <param name="Name">The product name.</param>
/// <param name="TotalBytes">Physical memory.</param>
/// <param name="HeadroomBytes">The configured headroom; used memory must stay at or below total − headroom.</param>
/// <param name="UsedAtStartBytes">Used memory before the first job (other processes and our CUDA context).</param>
/// <param name="BudgetAtStartBytes">The ledger budget before the first job.</param>
/// <param name="PeakUsedBytes">The highest used memory the driver reported (sampled, and read after every allocation).</param>
/// <param name="PeakReservedBytes">The most the ledger had reserved at once (sampled).</param>
/// <param name="PeakAllocatedBytes">The most the jobs had really allocated at once (exact).</param>
/// <param name="Readings">How many memory readings were taken.</param>
internal sealed record DevicePeak(
    int Index,
    string Name,
    long TotalBytes,
    long HeadroomBytes,
    long UsedAtStartBytes,
    long BudgetAtStartBytes,
    long PeakUsedBytes,
    long PeakReservedBytes,
    long PeakAllocatedBytes,
    long Readings)
{
    /// <summary>The most used memory may reach: total − headroom.</summary>
    public long LimitBytes => TotalBytes - HeadroomBytes;

    /// <summary>Whether used memory stayed within <see cref="LimitBytes"/>.</summary>
    public bool WithinLimit => PeakUsedBytes <= LimitBytes;
}
