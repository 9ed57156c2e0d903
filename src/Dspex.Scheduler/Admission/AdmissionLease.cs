namespace Dspex.Scheduler;

/// <summary>Resources an admission gate reserved for one job; disposing it releases them (exactly once).</summary>
public abstract class AdmissionLease : IDisposable
{
    private int _released;

    /// <summary>The device the job was admitted to, or <see langword="null"/> when it runs without one.</summary>
    public abstract int? Device { get; }

    /// <summary>Whether the lease has been released.</summary>
    public bool IsReleased => Volatile.Read(ref _released) != 0;

    /// <summary>Releases the reservation; later calls do nothing.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            Release();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Returns the reserved resources; called exactly once.</summary>
    protected abstract void Release();
}
