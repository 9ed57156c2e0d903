namespace Dspex.Chaos;

/// <summary>
/// The seeded mix of jobs and when each is submitted. General jobs arrive in bursts, so that some are still
/// queued when their caller cancels them; optimizer jobs arrive evenly.
/// </summary>
internal static class WorkloadPlan
{
    /// <summary>Submission ticks per second; each tick's jobs are submitted back to back.</summary>
    public const int TicksPerSecond = 10;

    public static IReadOnlyList<JobRecord> Create(ChaosSettings settings, Random random)
    {
        var ticks = Math.Max(1, (int)(settings.SubmitDuration.TotalSeconds * TicksPerSecond));
        var records = new List<JobRecord>(settings.Jobs);
        for (var id = 0; id < settings.Jobs; id++)
        {
            var tick = (int)((long)id * ticks / settings.Jobs);
            var at = TimeSpan.FromSeconds((double)tick / TicksPerSecond);
            var idempotent = random.NextDouble() < settings.IdempotentShare;
            var (kind, parameter) = random.NextDouble() < settings.OptimizerShare ? OptimizerJob(random) : GeneralJob(random);
            records.Add(new JobRecord(id, kind, idempotent, at, parameter));
        }

        return records;
    }

    private static (JobKind, int) OptimizerJob(Random random) => random.NextDouble() switch
    {
        < 0.84 => (JobKind.OptimizerSleep, random.Next(10, 41)), // ms
        < 0.94 => (JobKind.OptimizerSpin, random.Next(2, 8)), // ms
        < 0.97 => (JobKind.OptimizerRaise, 0),
        < 0.995 => (JobKind.OptimizerHang, 0),
        _ => (JobKind.OptimizerStubbornHang, 0),
    };

    private static (JobKind, int) GeneralJob(Random random) => random.NextDouble() switch
    {
        < 0.80 => (JobKind.GeneralEcho, random.Next(100, 1000)), // µs
        < 0.88 => (JobKind.GeneralRaise, 0),
        < 0.90 => (JobKind.GeneralHang, 0),
        _ => (JobKind.GeneralCancelled, random.Next(100, 1000)),
    };
}
