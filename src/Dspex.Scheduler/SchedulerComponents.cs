using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Dspex.Scheduler;

/// <summary>What a <see cref="DspexScheduler"/> plugs in beside its options: clock, executors, admission gates, telemetry.</summary>
public sealed class SchedulerComponents
{
    /// <summary>The clock for timeouts, aging, idle reaping and token refill (a fake one in tests).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Executor factories by pool name; a pool without one runs jobs as plain C# (<see cref="NullExecutor"/>).</summary>
    public IDictionary<string, IJobExecutorFactory> Executors { get; } = new Dictionary<string, IJobExecutorFactory>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Admission gates by pool name (e.g. the GPU gate of the neural pool).</summary>
    public IDictionary<string, IAdmissionGate> AdmissionGates { get; } = new Dictionary<string, IAdmissionGate>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the scheduler's meter; when null the meter is created directly.</summary>
    public IMeterFactory? MeterFactory { get; init; }

    /// <summary>Logs worker failures; when null nothing is logged.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
