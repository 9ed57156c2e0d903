namespace Dspex.Scheduler;

/// <summary>What an <see cref="IAdmissionGate"/> decided about one job.</summary>
public readonly struct AdmissionDecision
{
    private AdmissionDecision(AdmissionDecisionKind kind, AdmissionLease? lease, Exception? error)
    {
        Kind = kind;
        Lease = lease;
        Error = error;
    }

    /// <summary>The kind of decision.</summary>
    public AdmissionDecisionKind Kind { get; }

    /// <summary>The lease of an admitted job.</summary>
    public AdmissionLease? Lease { get; }

    /// <summary>Why a rejected job can never run.</summary>
    public Exception? Error { get; }

    /// <summary>The job runs now, holding <paramref name="lease"/>.</summary>
    /// <param name="lease">The resources reserved for it.</param>
    /// <returns>The decision.</returns>
    public static AdmissionDecision Admit(AdmissionLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return new(AdmissionDecisionKind.Admitted, lease, null);
    }

    /// <summary>The gate keeps the ticket and decides later.</summary>
    public static AdmissionDecision Defer { get; } = new(AdmissionDecisionKind.Deferred, null, null);

    /// <summary>The job fails at once with <paramref name="error"/>.</summary>
    /// <param name="error">Why it can never run.</param>
    /// <returns>The decision.</returns>
    public static AdmissionDecision Reject(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(AdmissionDecisionKind.Rejected, null, error);
    }
}

/// <summary>The kinds of <see cref="AdmissionDecision"/>.</summary>
public enum AdmissionDecisionKind
{
    /// <summary>The job runs now.</summary>
    Admitted,

    /// <summary>The gate keeps the ticket and decides later.</summary>
    Deferred,

    /// <summary>The job fails at once.</summary>
    Rejected,
}
