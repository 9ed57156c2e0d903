namespace Dspex.Scheduler;

/// <summary>Where one submission is in its life. Transitions are compare-and-swaps on the slot's state word.</summary>
internal enum JobState
{
    /// <summary>In a lane, waiting for a worker.</summary>
    Queued = 1,

    /// <summary>Taken by a worker (being admitted or running).</summary>
    Running = 2,

    /// <summary>Held by an admission gate until its resources fit.</summary>
    Deferred = 3,

    /// <summary>Admitted by a gate after a deferral, waiting for a worker ahead of every lane.</summary>
    Admitted = 4,

    /// <summary>Reached its outcome.</summary>
    Done = 5,
}
