using Dspex.Scheduler;

namespace Dspex.Gpu;

/// <summary>The admission gate of one pool: its policies over the process-wide <see cref="GpuAdmission"/> ledger.</summary>
internal sealed class GpuGate : IAdmissionGate
{
    private readonly GpuAdmission _admission;

    public GpuGate(GpuAdmission admission, string pool, GpuPlacementPolicy placement, NoGpuPolicy noGpu)
    {
        _admission = admission;
        Pool = pool;
        Placement = placement;
        NoGpu = noGpu;
    }

    public string Pool { get; }

    public GpuPlacementPolicy Placement { get; }

    public NoGpuPolicy NoGpu { get; }

    /// <inheritdoc />
    public AdmissionDecision Request(AdmissionTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return _admission.Request(this, ticket);
    }
}
