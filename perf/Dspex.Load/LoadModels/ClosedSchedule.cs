namespace Dspex.Load;

/// <summary>How many concurrent callers a closed-model scenario should have at each moment. Pure.</summary>
internal static class ClosedSchedule
{
    /// <summary>The caller count at <paramref name="elapsed"/>; 0 during open phases and after the end.</summary>
    public static int CopiesAt(IReadOnlyList<LoadSimulation> simulations, TimeSpan elapsed)
    {
        var phaseStart = TimeSpan.Zero;
        var previous = 0;
        foreach (var simulation in simulations)
        {
            var phaseEnd = phaseStart + simulation.During;
            var inPhase = elapsed >= phaseStart && elapsed < phaseEnd;
            switch (simulation)
            {
                case LoadSimulation.KeepConstant keep:
                    if (inPhase)
                    {
                        return keep.Copies;
                    }

                    previous = keep.Copies;
                    break;
                case LoadSimulation.RampingConstant ramp:
                    if (inPhase)
                    {
                        var fraction = (elapsed - phaseStart) / simulation.During;
                        return (int)Math.Round(previous + ((ramp.Copies - previous) * fraction));
                    }

                    previous = ramp.Copies;
                    break;
                default:
                    if (inPhase)
                    {
                        return 0;
                    }

                    previous = 0;
                    break;
            }

            phaseStart = phaseEnd;
        }

        return 0;
    }

    /// <summary>The most callers any moment asks for.</summary>
    public static int MaxCopies(IReadOnlyList<LoadSimulation> simulations)
        => simulations.Select(s => s switch
        {
            LoadSimulation.KeepConstant k => k.Copies,
            LoadSimulation.RampingConstant r => r.Copies,
            _ => 0,
        }).DefaultIfEmpty(0).Max();
}
