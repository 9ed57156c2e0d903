using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Numerics;
using Dspex.Scheduler;

namespace Dspex.Gpu;

/// <summary>
/// GPU admission for the process: one reservation ledger over the machine's devices (real through NVML, or
/// simulated when configured) and a gate per pool that admits a job only when its declared memory fits.
/// </summary>
/// <remarks>
/// <para>Reservations are a compare-and-swap on each device's available bytes, so admission's fast path (nobody
/// waiting) takes no lock. Jobs that do not fit wait in arrival order under one small lock, taken only when
/// someone waits, memory is released, or the ledger refreshes. A waiting job never blocks smaller jobs behind it,
/// but once <see cref="GpuOptions.BypassLimit"/> later jobs were admitted past it to a device it could use, those
/// devices admit nobody else until it runs.</para>
/// <para>A deferred ticket may be admitted (<see cref="AdmissionTicket.TryAdmit"/>) on another thread as soon as it
/// is queued, which can be before <see cref="IAdmissionGate.Request"/> has returned
/// <see cref="AdmissionDecision.Defer"/>.</para>
/// </remarks>
public sealed class GpuAdmission : IDisposable
{
    private readonly GpuLedger _ledger;
    private readonly GpuMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly GpuOptions _options;
    private readonly int _bypassLimit;
    private readonly ulong _allDevices;
    private readonly Lock _lock = new();
    private readonly LinkedList<WaitingTicket> _waiting = new();
    private readonly List<WaitingTicket> _passed = [];
    private readonly ConcurrentDictionary<string, GpuGate> _gates = new(StringComparer.OrdinalIgnoreCase);
    private int _waitingCount;
    private long _pumpRequests;
    private int _pumping;
    private int _disposed;

    internal GpuAdmission(GpuOptions options, IGpuDeviceProvider provider, TimeProvider time, IMeterFactory? meterFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(time);
        ThrowIfInvalid(GpuOptionsValidator.Problems(options));
        var devices = provider.Devices;
        var problems = new List<string>();
        if (devices.Count > GpuOptionsValidator.MaxDevices)
        {
            problems.Add($"The machine has {devices.Count} GPUs; Dspex tracks at most {GpuOptionsValidator.MaxDevices}.");
        }

        foreach (var device in devices.Where(d => options.FixedCostBytes >= d.TotalBytes))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"{GpuOptions.SectionName}:HeadroomBytes is {options.HeadroomBytes}; with {options.WorkerContextsPerDevice} × WorkerContextBytes {options.WorkerContextBytes} it must be less than GPU {device.Index} ({device.Name})'s {GpuBytes.Format(device.TotalBytes)}."));
        }

        ThrowIfInvalid(problems);
        _options = options;
        _time = time;
        _bypassLimit = options.BypassLimit;
        _allDevices = devices.Count == 64 ? ulong.MaxValue : (1UL << devices.Count) - 1;
        _ledger = new GpuLedger(provider, options.FixedCostBytes, options.RefreshInterval, time);
        _metrics = new GpuMetrics(meterFactory, _ledger);
        _ledger.Refreshed += Pump;
    }

    /// <summary>Whether at least one device (real or simulated) is usable.</summary>
    public bool HasDevices => _ledger.Accounts.Length > 0;

    /// <summary>Why no device is usable (e.g. the NVML library is missing), or <see langword="null"/> when one is.</summary>
    public string? UnavailableReason => _ledger.Provider.UnavailableReason;

    /// <summary>How many jobs wait for memory now.</summary>
    public int WaitingCount => Volatile.Read(ref _waitingCount);

    /// <summary>Each device as the ledger sees it now.</summary>
    public IReadOnlyList<GpuDeviceStatus> Devices => _ledger.Accounts.Select(a => new GpuDeviceStatus(
        a.Identity.Index, a.Identity.Name, a.Identity.Uuid, a.Identity.IsSimulated, a.Identity.TotalBytes, a.UsedBytes,
        a.OthersBytes, a.BudgetBytes, a.ReservedBytes, _ledger.Provider.ReadUtilizationPercent(a.Identity.Index), a.LastError)).ToArray();

    /// <summary>
    /// Creates GPU admission from options: simulated devices when <see cref="GpuOptions.SimulatedDevices"/> lists any,
    /// else the real devices NVML reports, else none (with <see cref="UnavailableReason"/>).
    /// </summary>
    /// <param name="options">The options; invalid ones throw <see cref="DspexConfigurationException"/>.</param>
    /// <param name="timeProvider">The clock for refreshes and waits; the system clock when <see langword="null"/>.</param>
    /// <param name="meterFactory">Creates the <c>Dspex.Gpu</c> meter; a plain <see cref="Meter"/> when <see langword="null"/>.</param>
    /// <returns>The admission.</returns>
    public static GpuAdmission Create(GpuOptions options, TimeProvider? timeProvider = null, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ThrowIfInvalid(GpuOptionsValidator.Problems(options));
        var time = timeProvider ?? TimeProvider.System;
        IGpuDeviceProvider provider = options.SimulatedDevices.Count > 0
            ? new SimulatedGpuProvider(options.SimulatedDevices.ToArray(), time)
            : NvmlGpuProvider.Open(options.NvmlLibraryPath);
        try
        {
            return new GpuAdmission(options, provider, time, meterFactory);
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    /// <summary>The admission gate of <paramref name="pool"/>, with that pool's policies from <see cref="GpuOptions.Pools"/>.</summary>
    /// <param name="pool">The pool name, e.g. <c>neural</c>.</param>
    /// <returns>The gate; the same instance for the same pool.</returns>
    public IAdmissionGate GateFor(string pool)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pool);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _gates.GetOrAdd(pool, name =>
        {
            var overrides = _options.Pools.TryGetValue(name, out var o) ? o : null;
            return new GpuGate(this, name, overrides?.PlacementPolicy ?? _options.PlacementPolicy, overrides?.NoGpuPolicy ?? _options.NoGpuPolicy);
        });
    }

    /// <summary>The <c>CUDA_VISIBLE_DEVICES</c> value that pins a worker process to <paramref name="device"/>.</summary>
    /// <param name="device">A device index, as in <c>JobContext.Device</c>; <see langword="null"/> for no device.</param>
    /// <returns>The device's UUID (its index when simulated), or <see cref="CudaPinning.NoDevice"/>.</returns>
    public string CudaVisibleDevices(int? device)
    {
        if (device is null)
        {
            return CudaPinning.NoDevice;
        }

        var accounts = _ledger.Accounts;
        if ((uint)device.Value >= (uint)accounts.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(device), device, $"GPU {device} does not exist; this machine has {accounts.Length} (0–{accounts.Length - 1}).");
        }

        var identity = accounts[device.Value].Identity;
        return identity.Uuid.Length > 0 ? identity.Uuid : identity.Index.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Re-reads every device now instead of at the next refresh, then admits waiting jobs that fit.</summary>
    public void Refresh() => _ledger.Refresh();

    /// <summary>Stops refreshing, rejects the jobs still waiting, and shuts NVML down.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _ledger.Refreshed -= Pump;
        _ledger.Dispose();
        WaitingTicket[] left;
        lock (_lock)
        {
            left = [.. _waiting];
            _waiting.Clear();
            Volatile.Write(ref _waitingCount, 0);
        }

        foreach (var waiting in left)
        {
            waiting.Ticket.TryReject(new GpuUnavailableException(waiting.Gate.Pool, waiting.Ticket.Module, "GPU admission was stopped"));
        }

        _metrics.Dispose();
        _ledger.Provider.Dispose();
    }

    internal AdmissionDecision Request(GpuGate gate, AdmissionTicket ticket)
    {
        var demand = ticket.Demand;
        var bytes = demand.DeviceMemoryBytes;
        if (bytes <= 0)
        {
            return Reject(gate, "invalid", new GpuDemandException(gate.Pool, ticket.Module, demand,
                $"DeviceMemoryBytes is {bytes}; a GPU job must declare more than 0 bytes"));
        }

        var accounts = _ledger.Accounts;
        if (accounts.Length == 0 || Volatile.Read(ref _disposed) != 0)
        {
            if (gate.NoGpu == NoGpuPolicy.RunOnCpu && accounts.Length == 0)
            {
                _metrics.Admitted(gate.Pool, null, TimeSpan.Zero);
                return AdmissionDecision.Admit(new GpuLease(null, null, 0));
            }

            var reason = accounts.Length == 0 ? UnavailableReason ?? "no device" : "GPU admission was stopped";
            return Reject(gate, "no_gpu", new GpuUnavailableException(gate.Pool, ticket.Module, reason));
        }

        var eligible = _allDevices;
        if (demand.Device is int pinned)
        {
            if ((uint)pinned >= (uint)accounts.Length)
            {
                return Reject(gate, "invalid", new GpuDemandException(gate.Pool, ticket.Module, demand,
                    $"Device {pinned} does not exist; this machine has {accounts.Length} GPU(s), 0–{accounts.Length - 1}"));
            }

            eligible = 1UL << pinned;
        }

        if (FitMask(bytes, eligible) == 0)
        {
            var budgets = new Dictionary<int, long>();
            for (var m = eligible; m != 0; m &= m - 1)
            {
                var d = BitOperations.TrailingZeroCount(m);
                budgets[d] = accounts[d].BudgetBytes;
            }

            return Reject(gate, "capacity", new GpuCapacityException(gate.Pool, ticket.Module, bytes, budgets));
        }

        // Fast path: nobody waits, so admitting now bypasses no one.
        if (Volatile.Read(ref _waitingCount) == 0 && TryPlace(bytes, eligible, gate.Placement, out var device))
        {
            _metrics.Admitted(gate.Pool, device, TimeSpan.Zero);
            return AdmissionDecision.Admit(new GpuLease(this, device, bytes));
        }

        var waiting = new WaitingTicket(ticket, gate, bytes, eligible, _time.GetTimestamp());
        List<(WaitingTicket, GpuLease)>? others;
        GpuLease? own;
        lock (_lock)
        {
            _waiting.AddLast(waiting.Node);
            Volatile.Write(ref _waitingCount, _waitingCount + 1);
            others = PassLocked(waiting, out own);
        }

        Deliver(others);
        if (own is not null)
        {
            _metrics.Admitted(gate.Pool, own.Device, TimeSpan.Zero);
            return AdmissionDecision.Admit(own);
        }

        _metrics.Waited(gate.Pool);
        return AdmissionDecision.Defer;
    }

    internal void Release(int device, long bytes)
    {
        _ledger.Release(device, bytes);
        Pump();
    }

    private static void ThrowIfInvalid(List<string> problems)
    {
        if (problems.Count > 0)
        {
            throw new DspexConfigurationException(problems);
        }
    }

    private AdmissionDecision Reject(GpuGate gate, string reason, Exception error)
    {
        _metrics.Rejected(gate.Pool, reason);
        return AdmissionDecision.Reject(error);
    }

    /// <summary>Devices among <paramref name="eligible"/> whose budget could hold <paramref name="bytes"/> if empty.</summary>
    private ulong FitMask(long bytes, ulong eligible)
    {
        var accounts = _ledger.Accounts;
        var fit = 0UL;
        for (var m = eligible; m != 0; m &= m - 1)
        {
            var d = BitOperations.TrailingZeroCount(m);
            if (accounts[d].BudgetBytes >= bytes)
            {
                fit |= 1UL << d;
            }
        }

        return fit;
    }

    /// <summary>Picks a device by policy and reserves on it; retries only when a racing reservation took the space.</summary>
    private bool TryPlace(long bytes, ulong candidates, GpuPlacementPolicy policy, out int device)
    {
        var accounts = _ledger.Accounts;
        while (true)
        {
            device = -1;
            var chosen = 0L;
            for (var m = candidates; m != 0; m &= m - 1)
            {
                var d = BitOperations.TrailingZeroCount(m);
                var available = accounts[d].AvailableBytes;
                if (available >= bytes && (device < 0 || (policy == GpuPlacementPolicy.BestFit ? available < chosen : available > chosen)))
                {
                    device = d;
                    chosen = available;
                }
            }

            if (device < 0)
            {
                return false;
            }

            if (_ledger.TryReserve(device, bytes))
            {
                return true;
            }
        }
    }

    /// <summary>
    /// One pass over the waiting jobs in arrival order, under the lock: drops abandoned ones, admits each that fits
    /// on a device not held, counts bypasses, and holds a job's devices once it was bypassed <c>BypassLimit</c> times.
    /// </summary>
    private List<(WaitingTicket, GpuLease)>? PassLocked(WaitingTicket? requester, out GpuLease? requesterLease)
    {
        requesterLease = null;
        List<(WaitingTicket, GpuLease)>? admitted = null;
        var accounts = _ledger.Accounts;
        var held = 0UL;
        _passed.Clear();
        for (var node = _waiting.First; node is not null;)
        {
            var next = node.Next;
            var waiting = node.Value;
            if (waiting != requester && waiting.Ticket.IsAbandoned)
            {
                Remove(node);
            }
            else if ((waiting.Eligible & ~held) != 0 && TryPlace(waiting.Bytes, waiting.Eligible & ~held, waiting.Gate.Placement, out var device))
            {
                Remove(node);
                var lease = new GpuLease(this, device, waiting.Bytes);
                if (waiting == requester)
                {
                    requesterLease = lease;
                }
                else
                {
                    (admitted ??= []).Add((waiting, lease));
                }

                foreach (var passed in _passed)
                {
                    // A bypass only counts on a device the passed job could ever use.
                    if ((passed.Eligible & (1UL << device)) != 0 && accounts[device].BudgetBytes >= passed.Bytes
                        && ++passed.Bypasses >= _bypassLimit)
                    {
                        held |= FitMask(passed.Bytes, passed.Eligible);
                    }
                }
            }
            else
            {
                if (waiting.Bypasses >= _bypassLimit)
                {
                    held |= FitMask(waiting.Bytes, waiting.Eligible);
                }

                _passed.Add(waiting);
            }

            node = next;
        }

        _passed.Clear();
        return admitted;
    }

    private void Remove(LinkedListNode<WaitingTicket> node)
    {
        _waiting.Remove(node);
        Volatile.Write(ref _waitingCount, _waitingCount - 1);
    }

    /// <summary>Hands leases to deferred jobs, outside the lock; a job abandoned meanwhile gets its lease disposed.</summary>
    private void Deliver(List<(WaitingTicket Waiting, GpuLease Lease)>? admitted)
    {
        if (admitted is null)
        {
            return;
        }

        foreach (var (waiting, lease) in admitted)
        {
            if (waiting.Ticket.TryAdmit(lease))
            {
                _metrics.Admitted(waiting.Gate.Pool, lease.Device, _time.GetElapsedTime(waiting.EnqueuedAt));
            }
            else
            {
                lease.Dispose();
            }
        }
    }

    /// <summary>
    /// Runs passes until no request is left: a caller that finds a pass running only bumps the request count,
    /// and the running pass goes round again, so a release or refresh is never lost and passes never nest.
    /// </summary>
    private void Pump()
    {
        Interlocked.Increment(ref _pumpRequests);
        while (Interlocked.CompareExchange(ref _pumping, 1, 0) == 0)
        {
            var seen = Volatile.Read(ref _pumpRequests);
            List<(WaitingTicket, GpuLease)>? admitted = null;
            if (Volatile.Read(ref _waitingCount) > 0)
            {
                lock (_lock)
                {
                    admitted = PassLocked(null, out _);
                }
            }

            Interlocked.Exchange(ref _pumping, 0);
            Deliver(admitted);
            if (Volatile.Read(ref _pumpRequests) == seen)
            {
                return;
            }
        }
    }
}
