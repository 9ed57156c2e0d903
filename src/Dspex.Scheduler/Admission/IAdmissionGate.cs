namespace Dspex.Scheduler;

/// <summary>
/// Decides, when a worker checks a job out, whether the resources the job declares fit now. A pool with a
/// gate asks it about every job whose <see cref="Job{TResult}.Resources"/> is not empty.
/// </summary>
/// <remarks>
/// <see cref="Request"/> is called on a worker thread and must not block. A gate that defers a job keeps the
/// ticket and later calls <see cref="AdmissionTicket.TryAdmit"/> or <see cref="AdmissionTicket.TryReject"/>;
/// the scheduler then hands the job to a worker ahead of every lane. The scheduler disposes the lease on
/// every outcome of the job.
/// </remarks>
public interface IAdmissionGate
{
    /// <summary>Admits the job now, defers it, or rejects it.</summary>
    /// <param name="ticket">The job's demand and the means to admit it later.</param>
    /// <returns>The decision.</returns>
    AdmissionDecision Request(AdmissionTicket ticket);
}
