using Dspex.Scheduler;

namespace Dspex.Gpu;

/// <summary>A job declares more GPU memory than the budget of every device it may run on, so it can never run.</summary>
public sealed class GpuCapacityException : DspexException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="pool">The pool the job was routed to.</param>
    /// <param name="module">The job's module.</param>
    /// <param name="requestedBytes">The memory the job declares.</param>
    /// <param name="deviceBudgets">The budget of each device the job may use, by device index.</param>
    public GpuCapacityException(string pool, string module, long requestedBytes, IReadOnlyDictionary<int, long> deviceBudgets)
        : base(pool, BuildMessage(pool, module, requestedBytes, deviceBudgets))
    {
        ArgumentNullException.ThrowIfNull(deviceBudgets);
        Module = module;
        RequestedBytes = requestedBytes;
        DeviceBudgets = deviceBudgets;
    }

    /// <summary>The job's module.</summary>
    public string Module { get; }

    /// <summary>The memory the job declares, in bytes.</summary>
    public long RequestedBytes { get; }

    /// <summary>The budget of each device the job may use, by device index, when it was rejected.</summary>
    public IReadOnlyDictionary<int, long> DeviceBudgets { get; }

    private static string BuildMessage(string pool, string module, long requestedBytes, IReadOnlyDictionary<int, long> budgets)
    {
        ArgumentNullException.ThrowIfNull(budgets);
        var each = string.Join(", ", budgets.OrderBy(b => b.Key).Select(b => $"GPU {b.Key}: {GpuBytes.Format(b.Value)}"));
        return $"Job '{module}' in pool '{pool}' declares {GpuBytes.Format(requestedBytes)} of GPU memory, more than the "
            + $"budget of every device it may use ({each}); it can never run. Budget = total − headroom − worker context overhead − memory used by other processes.";
    }
}
