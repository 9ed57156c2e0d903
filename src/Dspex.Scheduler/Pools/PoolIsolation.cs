namespace Dspex.Scheduler;

/// <summary>Where a pool's Python code runs.</summary>
public enum PoolIsolation
{
    /// <summary>In this process's embedded CPython: cheapest; right for I/O-bound code and code that releases the GIL.</summary>
    InProcess,

    /// <summary>One Python process per worker: no shared GIL, and a crash kills only that worker.</summary>
    Process,
}
