namespace Dspex.Scheduler;

/// <summary>What an attempt to queue a job found.</summary>
internal enum EnqueueResult
{
    Accepted,
    Full,
    Stopping,
}
