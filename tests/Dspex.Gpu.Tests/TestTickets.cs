using Dspex.Scheduler;

namespace Dspex.Gpu.Tests;

/// <summary>The scheduler's side of a ticket, as the tests play it: a job that can be abandoned and records its decision.</summary>
internal sealed class TestJob : IDeferredJob
{
    private readonly Lock _lock = new();
    private readonly ManualResetEventSlim _decided = new();

    public TestJob(string module = "colbert.Searcher", long bytes = 1, int? device = null, string pool = PoolNames.Neural)
    {
        Ticket = new AdmissionTicket(this, generation: 1, pool, module, new ResourceDemand(bytes, device), priority: 1);
    }

    public AdmissionTicket Ticket { get; }

    public bool Abandoned { get; set; }

    public AdmissionLease? Lease { get; private set; }

    public Exception? Error { get; private set; }

    /// <summary>Leases offered after the job was abandoned; the gate must have disposed each.</summary>
    public List<AdmissionLease> Refused { get; } = [];

    /// <summary>Called on every successful late admission, on the admitting thread.</summary>
    public Action<TestJob, AdmissionLease>? OnAdmitted { get; set; }

    public bool IsAbandoned(int generation) => Abandoned || generation != 1;

    public bool WaitDecided(TimeSpan timeout) => _decided.Wait(timeout);

    /// <summary>Records what <see cref="IAdmissionGate.Request"/> returned.</summary>
    public AdmissionDecision Take(AdmissionDecision decision)
    {
        if (decision.Kind == AdmissionDecisionKind.Admitted)
        {
            Lease = decision.Lease;
            _decided.Set();
        }
        else if (decision.Kind == AdmissionDecisionKind.Rejected)
        {
            Error = decision.Error;
            _decided.Set();
        }

        return decision;
    }

    public bool TryAdmit(int generation, AdmissionLease lease)
    {
        lock (_lock)
        {
            if (Abandoned || Lease is not null || Error is not null)
            {
                Refused.Add(lease);
                return false;
            }

            Lease = lease;
        }

        OnAdmitted?.Invoke(this, lease);
        _decided.Set();
        return true;
    }

    public bool TryReject(int generation, Exception error)
    {
        lock (_lock)
        {
            if (Abandoned || Lease is not null || Error is not null)
            {
                return false;
            }

            Error = error;
        }

        _decided.Set();
        return true;
    }
}
