namespace Dspex.Gpu;

/// <summary>
/// Devices from <see cref="SimulatedGpuOptions"/>. A device reports as used its other-process curve at the
/// current time plus what the ledger has reserved on it, as if every admitted job allocated what it declared.
/// </summary>
internal sealed class SimulatedGpuProvider : IGpuDeviceProvider
{
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly (TimeSpan At, long Bytes)[][] _curves;
    private readonly long[] _allocated;

    public SimulatedGpuProvider(IReadOnlyList<SimulatedGpuOptions> devices, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(time);
        if (devices.Count == 0)
        {
            throw new ArgumentException("At least one simulated device is needed.", nameof(devices));
        }

        _time = time;
        _start = time.GetTimestamp();
        _curves = devices.Select(d => d.OtherProcesses.OrderBy(p => p.At).Select(p => (p.At, p.Bytes)).ToArray()).ToArray();
        _allocated = new long[devices.Count];
        Devices = devices.Select((d, i) => new GpuDeviceIdentity(i, d.Name, string.Empty, d.TotalBytes, IsSimulated: true)).ToArray();
    }

    /// <inheritdoc />
    public string? UnavailableReason => null;

    /// <inheritdoc />
    public IReadOnlyList<GpuDeviceIdentity> Devices { get; }

    /// <summary>The other-process usage of <paramref name="device"/> now.</summary>
    /// <param name="device">The device index.</param>
    /// <returns>Bytes.</returns>
    public long OtherProcessesBytes(int device)
    {
        var curve = _curves[device];
        if (curve.Length == 0)
        {
            return 0;
        }

        var now = _time.GetElapsedTime(_start);
        if (now <= curve[0].At)
        {
            return curve[0].Bytes;
        }

        for (var i = 1; i < curve.Length; i++)
        {
            if (now <= curve[i].At)
            {
                var (fromAt, fromBytes) = curve[i - 1];
                var (toAt, toBytes) = curve[i];
                var fraction = (now - fromAt) / (toAt - fromAt);
                return fromBytes + (long)((toBytes - fromBytes) * fraction);
            }
        }

        return curve[^1].Bytes;
    }

    /// <inheritdoc />
    public bool TryReadMemory(int device, out GpuMemoryReading reading, out string? error)
    {
        if ((uint)device >= (uint)Devices.Count)
        {
            reading = default;
            error = $"simulated GPU {device} does not exist";
            return false;
        }

        var total = Devices[device].TotalBytes;
        var used = Math.Min(total, OtherProcessesBytes(device) + Volatile.Read(ref _allocated[device]));
        reading = new GpuMemoryReading(total, used);
        error = null;
        return true;
    }

    /// <inheritdoc />
    public int? ReadUtilizationPercent(int device) => null;

    /// <inheritdoc />
    public void OnReservationChanged(int device, long deltaBytes) => Interlocked.Add(ref _allocated[device], deltaBytes);

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
