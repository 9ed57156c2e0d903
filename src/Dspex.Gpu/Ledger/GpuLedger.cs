namespace Dspex.Gpu;

/// <summary>
/// The reservation ledger: one <see cref="DeviceAccount"/> per device, reconciled with the driver's readings
/// on a <see cref="TimeProvider"/> timer (and on demand). Admission reads and reserves; only refresh writes budgets.
/// </summary>
/// <remarks>
/// Settle rule: a job allocates its memory some time after it is admitted, so a reading taken meanwhile does
/// not show a young reservation in the driver's "used". Counting it as ours there would make "used by others"
/// look smaller and the budget larger than the card (an out-of-memory error later). So a reconcile subtracts
/// only reservations older than <see cref="SettleTime"/> (twice the refresh interval, at least 1 s): young ones
/// are taken as not yet allocated. Every race between reserving, releasing and refreshing errs on the side of a
/// smaller budget: a reservation is registered as young before it takes memory from the account, and leaves the
/// young set only after it has given the memory back.
/// </remarks>
internal sealed class GpuLedger : IDisposable
{
    private readonly IGpuDeviceProvider _provider;
    private readonly Lock _refreshLock = new();
    private readonly ITimer? _timer;
    private readonly TimeProvider _time;
    private readonly long _settleTicks;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Reservation, byte> _young = new(ReferenceEqualityComparer.Instance);

    public GpuLedger(IGpuDeviceProvider provider, long fixedCostBytes, TimeSpan refreshInterval, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(time);
        _provider = provider;
        _time = time;
        SettleTime = refreshInterval * 2 < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : refreshInterval * 2;
        _settleTicks = (long)(SettleTime.TotalSeconds * time.TimestampFrequency);
        Accounts = provider.Devices.Select(d => new DeviceAccount(d, fixedCostBytes)).ToArray();
        Refresh();
        if (Accounts.Length > 0)
        {
            _timer = time.CreateTimer(_ => Refresh(), null, refreshInterval, refreshInterval);
        }
    }

    /// <summary>Raised after every refresh, on the refreshing thread: budgets may have grown.</summary>
    public event Action? Refreshed;

    /// <summary>The accounts, indexed by device.</summary>
    public DeviceAccount[] Accounts { get; }

    /// <summary>How long after admission a job's reservation is taken to be allocated (see the settle rule).</summary>
    public TimeSpan SettleTime { get; }

    /// <summary>The provider the readings come from.</summary>
    public IGpuDeviceProvider Provider => _provider;

    /// <summary>Reads every device and recomputes its budget.</summary>
    public void Refresh()
    {
        lock (_refreshLock)
        {
            var young = YoungBytesByDevice();
            foreach (var account in Accounts)
            {
                if (_provider.TryReadMemory(account.Identity.Index, out var reading, out var error))
                {
                    account.Reconcile(reading, young[account.Identity.Index]);
                }
                else
                {
                    account.RecordFailure(error ?? "unknown error");
                }
            }
        }

        Refreshed?.Invoke();
    }

    /// <summary>Reserves on one device.</summary>
    /// <param name="device">The device index.</param>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The reservation, or <see langword="null"/> when the bytes do not fit.</returns>
    public Reservation? TryReserve(int device, long bytes)
    {
        var reservation = new Reservation(device, bytes, _time.GetTimestamp());
        _young[reservation] = 0; // young before it takes memory: a refresh in between only under-budgets
        if (!Accounts[device].TryReserve(bytes))
        {
            _young.TryRemove(reservation, out _);
            return null;
        }

        _provider.OnReservationChanged(device, bytes);
        return reservation;
    }

    /// <summary>Returns a reservation.</summary>
    /// <param name="reservation">The reservation made earlier.</param>
    public void Release(Reservation reservation)
    {
        _provider.OnReservationChanged(reservation.Device, -reservation.Bytes);
        Accounts[reservation.Device].Release(reservation.Bytes);
        _young.TryRemove(reservation, out _); // after the memory went back: a refresh in between only under-budgets
    }

    /// <summary>Bytes of reservations younger than the settle time, per device; older ones leave the young set.</summary>
    private long[] YoungBytesByDevice()
    {
        var young = new long[Accounts.Length];
        if (_young.IsEmpty)
        {
            return young;
        }

        var now = _time.GetTimestamp();
        foreach (var reservation in _young.Keys)
        {
            if (now - reservation.ReservedAt >= _settleTicks)
            {
                _young.TryRemove(reservation, out _);
            }
            else
            {
                young[reservation.Device] += reservation.Bytes;
            }
        }

        return young;
    }

    /// <inheritdoc />
    public void Dispose() => _timer?.Dispose();
}
