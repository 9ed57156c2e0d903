using System.Diagnostics.Metrics;

namespace Dspex.GpuCheck.Fit;

/// <summary>Creates meters and remembers them, so the fit test listens to its own admission's counters and no other's.</summary>
internal sealed class OwnedMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    /// <summary>Whether <paramref name="meter"/> came from this factory.</summary>
    /// <param name="meter">The meter.</param>
    /// <returns>Whether it is ours.</returns>
    public bool Owns(Meter meter)
    {
        lock (_meters)
        {
            return _meters.Contains(meter);
        }
    }

    /// <inheritdoc />
    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options);
        lock (_meters)
        {
            _meters.Add(meter);
        }

        return meter;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_meters)
        {
            _meters.ForEach(m => m.Dispose());
            _meters.Clear();
        }
    }
}
