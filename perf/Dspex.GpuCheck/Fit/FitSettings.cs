using System.Globalization;

namespace Dspex.GpuCheck.Fit;

/// <summary>How the fit test oversubscribes the card.</summary>
internal sealed record FitSettings
{
    /// <summary>Declared sizes add up to this many times the memory of all devices (&gt; 0).</summary>
    public double OversubscriptionFactor { get; init; } = 3.0;

    /// <summary>Smallest job, as a fraction of the smallest device's total memory (0–1].</summary>
    public double MinJobFraction { get; init; } = 0.05;

    /// <summary>Largest job, as a fraction of the smallest device's total memory (0–1], at least <see cref="MinJobFraction"/>.</summary>
    public double MaxJobFraction { get; init; } = 0.25;

    /// <summary>Shortest time a job holds its memory.</summary>
    public TimeSpan MinHold { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Longest time a job holds its memory.</summary>
    public TimeSpan MaxHold { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Workers in the neural pool (≥ 1); 8 jobs of 5–25 % each ask for ~1.2× the card, so the gate must make some wait.</summary>
    public int PoolSize { get; init; } = 8;

    /// <summary>Seed of the random sizes and hold times.</summary>
    public int Seed { get; init; } = 5;

    /// <summary>How often the sampler reads NVML used memory.</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromMilliseconds(1);

    /// <summary>How long the whole fit test may take before it is stopped and reported as failed.</summary>
    public TimeSpan RunTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Every problem with these settings, one line each.</summary>
    /// <returns>The problems; empty when valid.</returns>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        void Check(bool ok, string name, object value, string rule)
        {
            if (!ok)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{name} is {value}; it {rule}."));
            }
        }

        Check(OversubscriptionFactor > 0 && double.IsFinite(OversubscriptionFactor), "--factor", OversubscriptionFactor, "must be more than 0");
        Check(MinJobFraction is > 0 and <= 1, "--min-fraction", MinJobFraction, "must be more than 0 and at most 1");
        Check(MaxJobFraction is > 0 and <= 1, "--max-fraction", MaxJobFraction, "must be more than 0 and at most 1");
        Check(MaxJobFraction >= MinJobFraction, "--max-fraction", MaxJobFraction, $"must be at least --min-fraction ({MinJobFraction})");
        Check(MinHold >= TimeSpan.Zero, "--min-hold-ms", MinHold.TotalMilliseconds, "must be 0 or more");
        Check(MaxHold >= MinHold, "--max-hold-ms", MaxHold.TotalMilliseconds, $"must be at least --min-hold-ms ({MinHold.TotalMilliseconds})");
        Check(PoolSize >= 1, "--pool-size", PoolSize, "must be 1 or more");
        Check(SampleInterval > TimeSpan.Zero, "--sample-ms", SampleInterval.TotalMilliseconds, "must be more than 0");
        Check(RunTimeout > TimeSpan.Zero, "--timeout-s", RunTimeout.TotalSeconds, "must be more than 0");
        return problems;
    }
}
