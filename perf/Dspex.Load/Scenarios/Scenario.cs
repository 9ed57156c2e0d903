namespace Dspex.Load;

/// <summary>
/// A named workload: a step that submits work and reports ok/fail, the load that drives it, optional init and
/// clean, a warm-up whose samples are discarded, and thresholds the measured stats must meet.
/// </summary>
internal sealed class Scenario
{
    public Scenario(string name, Func<StepContext, ValueTask<StepResult>> step)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(step);
        Name = name;
        Step = step;
    }

    public string Name { get; }

    public Func<StepContext, ValueTask<StepResult>> Step { get; }

    public Func<CancellationToken, Task>? Init { get; init; }

    public Func<Task>? Clean { get; init; }

    /// <summary>Load runs this long first, shaped like the first phase; its samples are not counted.</summary>
    public TimeSpan WarmUp { get; init; }

    public IReadOnlyList<LoadSimulation> Simulations { get; init; } = [];

    public IReadOnlyList<Threshold> Thresholds { get; init; } = [];

    /// <summary>
    /// Whether calls still running when the load ends are cancelled (a flood whose queue is full by design)
    /// instead of awaited; cancelled calls are counted apart, neither ok nor fail.
    /// </summary>
    public bool CancelInFlightAtEnd { get; init; }

    /// <summary>Scenario-specific figures computed after the load ends (e.g. starved jobs); thresholds may name them.</summary>
    public Func<IReadOnlyDictionary<string, double>>? Metrics { get; init; }

    public TimeSpan Duration => Simulations.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.During);

    /// <summary>The phases actually run: the warm-up (a copy of the first phase) then the configured ones.</summary>
    public IReadOnlyList<LoadSimulation> PhasesWithWarmUp()
    {
        if (Simulations.Count == 0)
        {
            throw new InvalidOperationException($"Scenario '{Name}' has no load simulations.");
        }

        foreach (var simulation in Simulations)
        {
            simulation.Validate();
        }

        if (Simulations.Any(s => s.IsOpen) && Simulations.Any(s => !s.IsOpen))
        {
            throw new InvalidOperationException($"Scenario '{Name}' mixes open and closed load models; use two scenarios.");
        }

        return WarmUp <= TimeSpan.Zero ? Simulations : [Simulations[0] with { During = WarmUp }, .. Simulations];
    }
}
