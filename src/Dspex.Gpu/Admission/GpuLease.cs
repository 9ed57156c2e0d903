using Dspex.Scheduler;

namespace Dspex.Gpu;

/// <summary>Memory reserved for one admitted job on one device (or no device, for a job run on the CPU).</summary>
internal sealed class GpuLease : AdmissionLease
{
    private readonly GpuAdmission? _owner;
    private readonly Reservation? _reservation;

    /// <summary>A lease holding <paramref name="reservation"/>, or none (a job run on the CPU).</summary>
    public GpuLease(GpuAdmission? owner, Reservation? reservation)
    {
        _owner = owner;
        _reservation = reservation;
    }

    /// <inheritdoc />
    public override int? Device => _reservation?.Device;

    /// <summary>The bytes reserved.</summary>
    public long Bytes => _reservation?.Bytes ?? 0;

    /// <inheritdoc />
    protected override void Release()
    {
        if (_reservation is not null)
        {
            _owner?.Release(_reservation);
        }
    }
}
