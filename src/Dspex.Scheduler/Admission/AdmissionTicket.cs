namespace Dspex.Scheduler;

/// <summary>One job's request for admission, and the means for a gate that deferred it to decide later.</summary>
public sealed class AdmissionTicket
{
    private readonly IDeferredJob _job;
    private readonly int _generation;

    internal AdmissionTicket(IDeferredJob job, int generation, string pool, string module, ResourceDemand demand, int priority)
    {
        _job = job;
        _generation = generation;
        Pool = pool;
        Module = module;
        Demand = demand;
        Priority = priority;
    }

    /// <summary>The pool the job was routed to.</summary>
    public string Pool { get; }

    /// <summary>The job's module.</summary>
    public string Module { get; }

    /// <summary>What the job declares it needs.</summary>
    public ResourceDemand Demand { get; }

    /// <summary>The job's priority lane (0 highest).</summary>
    public int Priority { get; }

    /// <summary>
    /// Whether the job no longer wants admission (its caller cancelled, it timed out, the scheduler stopped).
    /// A gate drops abandoned tickets.
    /// </summary>
    public bool IsAbandoned => _job.IsAbandoned(_generation);

    /// <summary>Admits a deferred job. Returns <see langword="false"/> when the job was abandoned meanwhile; the gate then still owns the lease and must dispose it.</summary>
    /// <param name="lease">The resources reserved for the job.</param>
    /// <returns>Whether the job took the lease.</returns>
    public bool TryAdmit(AdmissionLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return _job.TryAdmit(_generation, lease);
    }

    /// <summary>Fails a deferred job with <paramref name="error"/>. Returns <see langword="false"/> when it was abandoned meanwhile.</summary>
    /// <param name="error">Why it can never run.</param>
    /// <returns>Whether the job took the error.</returns>
    public bool TryReject(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return _job.TryReject(_generation, error);
    }
}

/// <summary>The scheduler's side of a deferred job.</summary>
internal interface IDeferredJob
{
    bool IsAbandoned(int generation);

    bool TryAdmit(int generation, AdmissionLease lease);

    bool TryReject(int generation, Exception error);
}
