using Dspex.Scheduler;

namespace Dspex.Chaos;

/// <summary>Everything a run observed, for the checks and the report.</summary>
internal sealed record ChaosResult(
    ChaosSettings Settings,
    IReadOnlyList<JobRecord> Jobs,
    int PendingAfterDrain,
    IReadOnlyDictionary<string, PoolSnapshot> Snapshots,
    WorkerRegistry Registry,
    IReadOnlyDictionary<string, PoolShortfall> Shortfall,
    IReadOnlyList<MemorySample> Memory,
    MemoryPoint WarmMemory,
    MemoryPoint EndMemory,
    IReadOnlyList<int> LiveWorkersAfterShutdown,
    TimeSpan Elapsed);

/// <summary>Managed heap after a full collection, and resident set, at one moment.</summary>
internal sealed record MemoryPoint(long HeapBytes, long ResidentBytes)
{
    public static MemoryPoint Measure() => new(GC.GetTotalMemory(forceFullCollection: true), ProcScan.ResidentBytes());
}
