namespace Dspex.Scheduler;

/// <summary>Identifies one worker of one pool.</summary>
/// <param name="Pool">The pool's name.</param>
/// <param name="Id">The worker's index within the pool.</param>
/// <param name="Kind">Whether the worker is always running, started on overflow, or borrowed from the shared budget.</param>
public sealed record WorkerInfo(string Pool, int Id, WorkerKind Kind);

/// <summary>How a worker came to exist.</summary>
public enum WorkerKind
{
    /// <summary>One of the pool's <see cref="PoolOptions.Size"/> always-running workers.</summary>
    Core,

    /// <summary>Started from the pool's own <see cref="PoolOptions.MaxOverflow"/> and stopped when idle.</summary>
    Overflow,

    /// <summary>Started on a token borrowed from the shared overflow budget, returned when it stops.</summary>
    Borrowed,
}
