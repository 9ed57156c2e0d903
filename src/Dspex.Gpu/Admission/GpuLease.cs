using Dspex.Scheduler;

namespace Dspex.Gpu;

/// <summary>Memory reserved for one admitted job on one device (or no device, for a job run on the CPU).</summary>
internal sealed class GpuLease : AdmissionLease
{
    private readonly GpuAdmission? _owner;

    public GpuLease(GpuAdmission? owner, int? device, long bytes)
    {
        _owner = owner;
        Device = device;
        Bytes = bytes;
    }

    /// <inheritdoc />
    public override int? Device { get; }

    /// <summary>The bytes reserved.</summary>
    public long Bytes { get; }

    /// <inheritdoc />
    protected override void Release()
    {
        if (Device is int device)
        {
            _owner?.Release(device, Bytes);
        }
    }
}
