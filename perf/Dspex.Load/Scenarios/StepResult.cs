namespace Dspex.Load;

/// <summary>What one step reports: success, the payload size it moved, and the pool that ran it (for per-pool stats).</summary>
internal readonly record struct StepResult(bool IsOk, long SizeBytes, string? Pool, string? Error)
{
    public static StepResult Ok(string? pool = null, long sizeBytes = 0) => new(true, sizeBytes, pool, null);

    public static StepResult Fail(string error, string? pool = null) => new(false, 0, pool, error);
}
