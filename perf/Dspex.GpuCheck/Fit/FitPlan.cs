using System.Globalization;

namespace Dspex.GpuCheck.Fit;

/// <summary>
/// The fit test's jobs: random sizes between the configured fractions of the smallest device, each no larger than
/// the smallest budget (so every job can run somewhere and none is rejected outright), added until they reach
/// <see cref="FitSettings.OversubscriptionFactor"/> × the memory of all devices.
/// </summary>
internal sealed class FitPlan
{
    private const long MiB = 1024 * 1024;

    private FitPlan(IReadOnlyList<FitJob> jobs, long targetBytes, long maxJobBytes)
    {
        Jobs = jobs;
        TargetBytes = targetBytes;
        MaxJobBytes = maxJobBytes;
    }

    /// <summary>The jobs, in submission order.</summary>
    public IReadOnlyList<FitJob> Jobs { get; }

    /// <summary>What the declared sizes add up to at least: factor × the memory of all devices.</summary>
    public long TargetBytes { get; }

    /// <summary>The largest size a job may declare: the smallest device budget.</summary>
    public long MaxJobBytes { get; }

    /// <summary>The sum of the declared sizes.</summary>
    public long DeclaredBytes => Jobs.Sum(j => j.Bytes);

    /// <summary>Plans the jobs.</summary>
    /// <param name="totals">Each device's total memory.</param>
    /// <param name="budgets">Each device's budget now (total − headroom − contexts − others).</param>
    /// <param name="settings">The settings; must be valid.</param>
    /// <returns>The plan.</returns>
    public static FitPlan Create(IReadOnlyList<long> totals, IReadOnlyList<long> budgets, FitSettings settings)
    {
        ArgumentNullException.ThrowIfNull(totals);
        ArgumentNullException.ThrowIfNull(budgets);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(settings));
        }

        if (totals.Count == 0 || totals.Count != budgets.Count)
        {
            throw new ArgumentException($"The fit test needs a total and a budget per device; got {totals.Count} totals and {budgets.Count} budgets.", nameof(budgets));
        }

        var smallestTotal = totals.Min();
        var maxJob = RoundDown(budgets.Min());
        var low = RoundDown((long)(smallestTotal * settings.MinJobFraction));
        var high = Math.Min(RoundDown((long)(smallestTotal * settings.MaxJobFraction)), maxJob);
        if (low <= 0 || high < low)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The smallest device budget is {budgets.Min()} bytes, below the smallest job ({settings.MinJobFraction:0.###} × {smallestTotal} bytes); lower --min-fraction or free the device."),
                nameof(budgets));
        }

        var target = checked((long)(totals.Sum() * settings.OversubscriptionFactor));
        var random = new Random(settings.Seed);
        var jobs = new List<FitJob>();
        for (var sum = 0L; sum < target;)
        {
            var bytes = low + RoundDown((long)(random.NextDouble() * (high - low)));
            var holdTicks = settings.MinHold.Ticks + (long)(random.NextDouble() * (settings.MaxHold - settings.MinHold).Ticks);
            jobs.Add(new FitJob(jobs.Count, bytes, TimeSpan.FromTicks(holdTicks)));
            sum += bytes;
        }

        return new FitPlan(jobs, target, maxJob);
    }

    // Whole MiB: the driver hands memory out in pages of 2 MiB and more anyway; a round size reads better.
    private static long RoundDown(long bytes) => bytes / MiB * MiB;
}
