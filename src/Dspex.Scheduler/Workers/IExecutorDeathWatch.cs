namespace Dspex.Scheduler;

/// <summary>
/// An executor that can die on its own while its worker is parked (a worker process that exits or is
/// killed). The worker registers a callback so it can replace the executor at once instead of when the
/// next job finds it dead.
/// </summary>
internal interface IExecutorDeathWatch
{
    /// <summary>
    /// Calls <paramref name="onDeath"/> once, from any thread, when the executor dies other than by being
    /// disposed; at once if it is already dead.
    /// </summary>
    /// <param name="onDeath">The callback; it must be cheap and must not throw.</param>
    void WatchDeath(Action onDeath);
}
