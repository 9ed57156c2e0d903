using Dspex.Scheduler;

namespace Dspex.Interop.Process;

/// <summary>A snapshot of everything one pool's workers are started with, validated once.</summary>
internal sealed record ProcessWorkerSettings(
    ProcessWorkerOptions Options,
    IReadOnlyDictionary<string, string> Environment,
    int Nice,
    WorkerSchedulingPolicy Policy,
    int MaxResidentMb,
    string? Cpus,
    int ReservedCpus)
{
    public static ProcessWorkerSettings From(PoolOptions pool, ProcessWorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(options);
        if (pool.WorkerNice is < -20 or > 19)
        {
            throw new ArgumentOutOfRangeException(nameof(pool), pool.WorkerNice, $"PoolOptions.WorkerNice must be within -20..19, not {pool.WorkerNice}.");
        }

        if (!Enum.IsDefined(pool.WorkerSchedulingPolicy))
        {
            throw new ArgumentOutOfRangeException(nameof(pool), pool.WorkerSchedulingPolicy, $"PoolOptions.WorkerSchedulingPolicy {pool.WorkerSchedulingPolicy} is not a known policy.");
        }

        if (pool.MaxWorkerMemoryMb < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(pool), pool.MaxWorkerMemoryMb, $"PoolOptions.MaxWorkerMemoryMb must be ≥ 0, not {pool.MaxWorkerMemoryMb}.");
        }

        if (pool.WorkerReservedCpus < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(pool), pool.WorkerReservedCpus, $"PoolOptions.WorkerReservedCpus must be ≥ 0, not {pool.WorkerReservedCpus}.");
        }

        string? cpus = null;
        if (pool.WorkerCpus is { } list)
        {
            cpus = CpuList.TryParse(list, out var parsed, out var error)
                ? CpuList.Format(parsed)
                : throw new ArgumentException($"PoolOptions.WorkerCpus '{list}' is not a CPU list: {error}.", nameof(pool));
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pool.WorkerEnvironment ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrEmpty(key) || key.Contains('=', StringComparison.Ordinal))
            {
                throw new ArgumentException($"PoolOptions.WorkerEnvironment has an invalid variable name '{key}'.", nameof(pool));
            }

            environment[key] = value ?? string.Empty;
        }

        return new ProcessWorkerSettings(options.Clone(), environment, pool.WorkerNice, pool.WorkerSchedulingPolicy, pool.MaxWorkerMemoryMb, cpus, pool.WorkerReservedCpus);
    }
}
