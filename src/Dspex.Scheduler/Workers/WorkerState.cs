namespace Dspex.Scheduler;

/// <summary>The park state of a worker thread.</summary>
internal enum WorkerState
{
    /// <summary>Looking for or running work.</summary>
    Active = 0,

    /// <summary>Asleep on its event, waiting to be signalled.</summary>
    Parked = 1,

    /// <summary>Woken by a submitter; becomes active when it runs.</summary>
    Signalled = 2,

    /// <summary>Told to stop (idle too long, or shutdown).</summary>
    Retiring = 3,
}
