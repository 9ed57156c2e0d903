namespace Dspex.Gpu;

/// <summary>
/// One device's ledger account. Admission decides on a single word, <c>available = budget − reserved</c>, with a
/// compare-and-swap: two jobs can never both take the last gigabyte, and the hot path takes no lock. Only the
/// ledger's refresh (one thread at a time) moves the budget, by adding the budget's change to <c>available</c>.
/// </summary>
internal sealed class DeviceAccount
{
    private long _available;
    private long _reserved;
    private long _budget;
    private long _used;
    private long _others;

    public DeviceAccount(GpuDeviceIdentity identity, long fixedCostBytes)
    {
        Identity = identity;
        FixedCostBytes = fixedCostBytes;
    }

    /// <summary>The device.</summary>
    public GpuDeviceIdentity Identity { get; }

    /// <summary>Headroom plus the workers' CUDA context overhead: never handed to jobs.</summary>
    public long FixedCostBytes { get; }

    /// <summary>Total − fixed cost − memory used by others, as of the last refresh.</summary>
    public long BudgetBytes => Volatile.Read(ref _budget);

    /// <summary>What admitted jobs hold now.</summary>
    public long ReservedBytes => Volatile.Read(ref _reserved);

    /// <summary>Budget minus reservations; negative after the budget shrank below what is held.</summary>
    public long AvailableBytes => Volatile.Read(ref _available);

    /// <summary>Used memory the driver reported at the last refresh (ours included).</summary>
    public long UsedBytes => Volatile.Read(ref _used);

    /// <summary>Memory used by processes other than ours, as estimated at the last refresh.</summary>
    public long OthersBytes => Volatile.Read(ref _others);

    /// <summary>The last failed reading, or <see langword="null"/> when the last one succeeded.</summary>
    public string? LastError { get; private set; }

    /// <summary>Reserves <paramref name="bytes"/> when they fit in what is available now.</summary>
    /// <param name="bytes">Bytes to reserve (&gt; 0).</param>
    /// <returns>Whether the reservation was made.</returns>
    public bool TryReserve(long bytes)
    {
        var available = Volatile.Read(ref _available);
        while (available >= bytes)
        {
            var seen = Interlocked.CompareExchange(ref _available, available - bytes, available);
            if (seen == available)
            {
                Interlocked.Add(ref _reserved, bytes);
                return true;
            }

            available = seen;
        }

        return false;
    }

    /// <summary>Returns a reservation.</summary>
    /// <param name="bytes">The bytes reserved earlier.</param>
    public void Release(long bytes)
    {
        Interlocked.Add(ref _reserved, -bytes);
        Interlocked.Add(ref _available, bytes);
    }

    /// <summary>
    /// Recomputes the budget from a reading: others = used − reserved (what our admitted jobs hold is in
    /// <c>used</c> already), budget = total − fixed cost − others. Called by one thread at a time.
    /// </summary>
    /// <param name="reading">The driver's reading.</param>
    public void Reconcile(GpuMemoryReading reading)
    {
        var others = Math.Max(0, reading.UsedBytes - ReservedBytes);
        var budget = reading.TotalBytes - FixedCostBytes - others;
        Volatile.Write(ref _used, reading.UsedBytes);
        Volatile.Write(ref _others, others);
        var change = budget - Interlocked.Exchange(ref _budget, budget);
        Interlocked.Add(ref _available, change);
        LastError = null;
    }

    /// <summary>Records a failed reading; the budget stays as last computed, so one driver hiccup rejects nothing.</summary>
    /// <param name="error">What failed.</param>
    public void RecordFailure(string error) => LastError = error;
}
