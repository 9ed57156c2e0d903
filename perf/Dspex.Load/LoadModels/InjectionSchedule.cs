namespace Dspex.Load;

/// <summary>
/// The intended send times of an open-model scenario, as offsets from its start. Pure, so that the schedule is
/// tested without a clock; the injector only waits for each offset and records latency from it, which is
/// what keeps a stalled system from hiding its queueing delay (no coordinated omission).
/// </summary>
internal static class InjectionSchedule
{
    /// <summary>Every intended send offset of the open phases in order; closed phases are skipped in time.</summary>
    public static IEnumerable<TimeSpan> IntendedOffsets(IReadOnlyList<LoadSimulation> simulations, int seed = 1)
    {
        var random = new Random(seed);
        var phaseStart = TimeSpan.Zero;
        double previousRatePerSecond = 0;
        foreach (var simulation in simulations)
        {
            simulation.Validate();
            switch (simulation)
            {
                case LoadSimulation.Inject inject:
                    {
                        var perSecond = PerSecond(inject.Rate, inject.Interval);
                        foreach (var offset in Constant(perSecond, simulation.During))
                        {
                            yield return phaseStart + offset;
                        }

                        previousRatePerSecond = perSecond;
                        break;
                    }

                case LoadSimulation.RampingInject ramp:
                    {
                        var target = PerSecond(ramp.Rate, ramp.Interval);
                        foreach (var offset in Ramping(previousRatePerSecond, target, simulation.During))
                        {
                            yield return phaseStart + offset;
                        }

                        previousRatePerSecond = target;
                        break;
                    }

                case LoadSimulation.InjectRandom rnd:
                    {
                        var intervals = (long)Math.Ceiling(simulation.During.Ticks / (double)rnd.Interval.Ticks);
                        for (long i = 0; i < intervals; i++)
                        {
                            var intervalStart = TimeSpan.FromTicks(i * rnd.Interval.Ticks);
                            var count = random.Next(rnd.MinRate, rnd.MaxRate + 1);
                            for (var k = 0; k < count; k++)
                            {
                                var offset = intervalStart + TimeSpan.FromTicks(rnd.Interval.Ticks * k / count);
                                if (offset < simulation.During)
                                {
                                    yield return phaseStart + offset;
                                }
                            }
                        }

                        previousRatePerSecond = (rnd.MinRate + rnd.MaxRate) / 2.0 / rnd.Interval.TotalSeconds;
                        break;
                    }

                default:
                    previousRatePerSecond = 0;
                    break;
            }

            phaseStart += simulation.During;
        }
    }

    /// <summary>Calls the phases ask for in total (the requested count).</summary>
    public static long RequestedCount(IReadOnlyList<LoadSimulation> simulations, int seed = 1)
        => IntendedOffsets(simulations, seed).LongCount();

    /// <summary>Mean requested rate per second over the open phases.</summary>
    public static double RequestedRate(IReadOnlyList<LoadSimulation> simulations, int seed = 1)
    {
        var openSeconds = simulations.Where(s => s.IsOpen).Sum(s => s.During.TotalSeconds);
        return openSeconds == 0 ? 0 : RequestedCount(simulations, seed) / openSeconds;
    }

    private static double PerSecond(int rate, TimeSpan interval) => rate / interval.TotalSeconds;

    /// <summary>Call k is sent at k / rate.</summary>
    private static IEnumerable<TimeSpan> Constant(double perSecond, TimeSpan during)
    {
        if (perSecond <= 0)
        {
            yield break;
        }

        for (long k = 0; ; k++)
        {
            var offset = TimeSpan.FromTicks((long)Math.Round(k * TimeSpan.TicksPerSecond / perSecond));
            if (offset >= during)
            {
                yield break;
            }

            yield return offset;
        }
    }

    /// <summary>
    /// With the rate rising linearly from r0 to r1 over D, the calls sent by t are N(t) = r0·t + (r1 − r0)·t²/(2D);
    /// call k goes at the t where N(t) = k, the root of that quadratic.
    /// </summary>
    private static IEnumerable<TimeSpan> Ramping(double r0, double r1, TimeSpan during)
    {
        var d = during.TotalSeconds;
        var slope = (r1 - r0) / d;
        var total = (r0 + r1) / 2 * d;
        for (long k = 0; k < total; k++)
        {
            double t;
            if (Math.Abs(slope) < 1e-12)
            {
                t = k / r0;
            }
            else
            {
                var disc = (r0 * r0) + (2 * slope * k);
                t = (-r0 + Math.Sqrt(Math.Max(0, disc))) / slope;
            }

            if (t >= d)
            {
                yield break;
            }

            yield return TimeSpan.FromTicks((long)Math.Round(t * TimeSpan.TicksPerSecond));
        }
    }
}
