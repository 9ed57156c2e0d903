namespace Dspex.Load;

/// <summary>
/// One phase of a scenario's load, in NBomber's vocabulary. Closed models keep a number of callers busy
/// (each sends its next call when the previous returns); open models send on a clock, whatever the system
/// does, so a stall shows up as latency instead of as fewer calls.
/// </summary>
internal abstract record LoadSimulation(TimeSpan During)
{
    public bool IsOpen => this is Inject or RampingInject or InjectRandom;

    /// <summary><paramref name="Copies"/> concurrent callers for the whole phase.</summary>
    public sealed record KeepConstant(int Copies, TimeSpan During) : LoadSimulation(During);

    /// <summary>Callers ramp linearly from the previous phase's count to <paramref name="Copies"/>.</summary>
    public sealed record RampingConstant(int Copies, TimeSpan During) : LoadSimulation(During);

    /// <summary><paramref name="Rate"/> calls per <paramref name="Interval"/>, evenly spaced.</summary>
    public sealed record Inject(int Rate, TimeSpan Interval, TimeSpan During) : LoadSimulation(During);

    /// <summary>The rate ramps linearly from the previous phase's rate to <paramref name="Rate"/> per <paramref name="Interval"/>.</summary>
    public sealed record RampingInject(int Rate, TimeSpan Interval, TimeSpan During) : LoadSimulation(During);

    /// <summary>Each interval sends a uniformly random count in [<paramref name="MinRate"/>, <paramref name="MaxRate"/>], evenly spaced within it.</summary>
    public sealed record InjectRandom(int MinRate, int MaxRate, TimeSpan Interval, TimeSpan During) : LoadSimulation(During);

    /// <summary>Rejects values that cannot describe load, naming the field.</summary>
    public void Validate()
    {
        if (During <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(During), During, $"{GetType().Name}: During must be positive.");
        }

        switch (this)
        {
            case KeepConstant { Copies: < 1 } or RampingConstant { Copies: < 0 }:
                throw new ArgumentOutOfRangeException("Copies", $"{GetType().Name}: Copies must be at least 1 (0 allowed when ramping down).");
            case Inject { Rate: < 0 } or RampingInject { Rate: < 0 }:
                throw new ArgumentOutOfRangeException("Rate", $"{GetType().Name}: Rate must not be negative.");
            case Inject { Interval.Ticks: <= 0 } or RampingInject { Interval.Ticks: <= 0 } or InjectRandom { Interval.Ticks: <= 0 }:
                throw new ArgumentOutOfRangeException("Interval", $"{GetType().Name}: Interval must be positive.");
            case InjectRandom r when r.MinRate < 0 || r.MaxRate < r.MinRate:
                throw new ArgumentOutOfRangeException("MinRate", $"InjectRandom: need 0 <= MinRate <= MaxRate, got {r.MinRate}..{r.MaxRate}.");
        }
    }
}
