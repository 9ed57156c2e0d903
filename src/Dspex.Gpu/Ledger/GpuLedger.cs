namespace Dspex.Gpu;

/// <summary>
/// The reservation ledger: one <see cref="DeviceAccount"/> per device, reconciled with the driver's readings
/// on a <see cref="TimeProvider"/> timer (and on demand). Admission reads and reserves; only refresh writes budgets.
/// </summary>
internal sealed class GpuLedger : IDisposable
{
    private readonly IGpuDeviceProvider _provider;
    private readonly Lock _refreshLock = new();
    private readonly ITimer? _timer;

    public GpuLedger(IGpuDeviceProvider provider, long fixedCostBytes, TimeSpan refreshInterval, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(time);
        _provider = provider;
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

    /// <summary>The provider the readings come from.</summary>
    public IGpuDeviceProvider Provider => _provider;

    /// <summary>Reads every device and recomputes its budget.</summary>
    public void Refresh()
    {
        lock (_refreshLock)
        {
            foreach (var account in Accounts)
            {
                if (_provider.TryReadMemory(account.Identity.Index, out var reading, out var error))
                {
                    account.Reconcile(reading);
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
    /// <returns>Whether they fit.</returns>
    public bool TryReserve(int device, long bytes)
    {
        if (!Accounts[device].TryReserve(bytes))
        {
            return false;
        }

        _provider.OnReservationChanged(device, bytes);
        return true;
    }

    /// <summary>Returns a reservation.</summary>
    /// <param name="device">The device index.</param>
    /// <param name="bytes">The bytes.</param>
    public void Release(int device, long bytes)
    {
        _provider.OnReservationChanged(device, -bytes);
        Accounts[device].Release(bytes);
    }

    /// <inheritdoc />
    public void Dispose() => _timer?.Dispose();
}
