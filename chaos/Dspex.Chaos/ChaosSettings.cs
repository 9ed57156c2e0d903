using System.Globalization;

namespace Dspex.Chaos;

/// <summary>How big and how violent one chaos run is. <c>--quick</c> is sized for a 2-core machine (about a minute).</summary>
internal sealed record ChaosSettings
{
    public int Jobs { get; init; } = 40_000;

    public TimeSpan SubmitDuration { get; init; } = TimeSpan.FromSeconds(150);

    /// <summary>Share of jobs that go to the optimizer (process) pool; the rest go to the general pool.</summary>
    public double OptimizerShare { get; init; } = 0.3;

    /// <summary>Share of jobs marked idempotent, in both pools.</summary>
    public double IdempotentShare { get; init; } = 0.5;

    public int OptimizerSize { get; init; } = 4;

    public int GeneralSize { get; init; } = 2;

    /// <summary>The killer sleeps a uniform random time in this range between two kills (several kills a second).</summary>
    public TimeSpan KillIntervalMin { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan KillIntervalMax { get; init; } = TimeSpan.FromMilliseconds(400);

    /// <summary>The killer stops at this fraction of the submission window, so that the tail of the run shows recovery.</summary>
    public double KillWindow { get; init; } = 0.9;

    /// <summary>Idempotent jobs are retried this many times after a crash (the pool's MaxCrashRetries).</summary>
    public int MaxCrashRetries { get; init; } = 3;

    /// <summary>Stated bound: a killed worker that was running a call has a ready replacement within this time.</summary>
    public TimeSpan RecoveryBound { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Stated bound: an in-process Python loop past its timeout has returned within this time after the timeout.</summary>
    public TimeSpan InterruptBound { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Stated bound on managed-heap growth (after a full GC) from the end of warm-up to the end of the run.</summary>
    public long HeapGrowthBoundBytes { get; init; } = 48L << 20;

    /// <summary>Stated bound on resident-set growth from the end of warm-up to the end of the run.</summary>
    public long RssGrowthBoundBytes { get; init; } = 128L << 20;

    public int Seed { get; init; } = 7;

    public static ChaosSettings Quick { get; } = new()
    {
        Jobs = 10_000,
        SubmitDuration = TimeSpan.FromSeconds(40),
    };

    /// <summary>Parses <c>--quick</c>, <c>--jobs N</c>, <c>--seconds S</c>, <c>--seed N</c>; throws naming a bad argument.</summary>
    public static ChaosSettings Parse(IReadOnlyList<string> args)
    {
        var settings = args.Contains("--quick") ? Quick : new ChaosSettings();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    break;
                case "--jobs":
                    settings = settings with { Jobs = Positive(args, ref i, 10_000) };
                    break;
                case "--seconds":
                    settings = settings with { SubmitDuration = TimeSpan.FromSeconds(Positive(args, ref i, 1)) };
                    break;
                case "--seed":
                    settings = settings with { Seed = Positive(args, ref i, 0) };
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Use --quick, --jobs N (>= 10000), --seconds S, --seed N.");
            }
        }

        return settings;
    }

    private static int Positive(IReadOnlyList<string> args, ref int i, int minimum)
    {
        var name = args[i];
        if (++i >= args.Count || !int.TryParse(args[i], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < minimum)
        {
            throw new ArgumentException($"{name} needs an integer >= {minimum}.");
        }

        return value;
    }
}
