namespace Dspex.Load;

/// <summary>The stats of scenarios run together, and every threshold checked against them.</summary>
internal sealed record RunResult(string Title, IReadOnlyList<ScenarioStats> Scenarios, IReadOnlyList<ThresholdResult> Thresholds)
{
    public bool Passed => Thresholds.All(t => t.Passed);

    public ScenarioStats this[string scenario] => Scenarios.FirstOrDefault(s => s.Scenario == scenario)
        ?? throw new KeyNotFoundException($"Run '{Title}' has no scenario '{scenario}' (has: {string.Join(", ", Scenarios.Select(s => s.Scenario))}).");
}
