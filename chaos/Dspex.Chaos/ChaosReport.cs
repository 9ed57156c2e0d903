using Dspex.Scheduler;

namespace Dspex.Chaos;

/// <summary>Prints the checks with their verdicts, the summary table and the closing <c>chaos:</c> line.</summary>
internal static class ChaosReport
{
    public static void Write(ChaosResult run, IReadOnlyList<CheckVerdict> verdicts, TextWriter output)
    {
        output.WriteLine();
        output.WriteLine("checks");
        foreach (var v in verdicts)
        {
            output.WriteLine($"  [{(v.Passed ? "PASS" : v.Gating ? "FAIL" : "INFO")}] {v.Name}");
            output.WriteLine($"         {v.Detail}");
        }

        var kills = run.Registry.Kills;
        var recoveries = run.Registry.Recoveries;
        var midCall = recoveries.Where(r => r.Kill.MidCall).Select(r => r.Elapsed.TotalMilliseconds).ToList();
        var idle = recoveries.Where(r => !r.Kill.MidCall).Select(r => r.Elapsed.TotalMilliseconds).ToList();
        var starts = recoveries.Select(r => r.Start.TotalMilliseconds).ToList();
        var retried = run.Jobs.Where(j => j.MaxAttempt > 1).ToList();

        output.WriteLine();
        output.WriteLine("summary");
        Row(output, "jobs submitted", $"{run.Jobs.Count} ({run.Jobs.Count(j => j.OnOptimizer)} optimizer/process, {run.Jobs.Count(j => !j.OnOptimizer)} general/in-process; {run.Jobs.Count(j => j.Idempotent)} idempotent)");
        Row(output, "run time", $"{run.Elapsed.TotalSeconds:0.0} s");
        Row(output, "kills (SIGKILL)", $"{kills.Count} ({kills.Count(k => k.MidCall)} while a call ran, {kills.Count(k => !k.MidCall)} between calls); {run.Registry.Starts} worker processes started in all");
        Row(output, "crashes seen by jobs", $"{run.Jobs.Sum(j => j.CrashesMidRun)} mid-call, {run.Jobs.Sum(j => j.CrashesBeforeCall)} on a worker already dead");
        Row(output, "retries", $"{retried.Sum(j => j.MaxAttempt - 1)} retries of {retried.Count} idempotent jobs");
        foreach (var pool in run.Snapshots.Keys)
        {
            var mine = run.Jobs.Where(j => j.Pool == pool).ToList();
            Row(output, $"outcomes {pool}", string.Join(", ", Enum.GetValues<JobOutcome>().Select(o => $"{o.ToString().ToLowerInvariant()} {mine.Count(j => j.Outcome == o)}")));
        }

        foreach (var group in run.Jobs.GroupBy(j => j.Kind).OrderBy(g => g.Key))
        {
            Row(output, $"  {group.Key}", string.Join(", ", group.GroupBy(j => Describe(j)).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}")));
        }

        Row(output, "recovery, kill mid-call", $"p50 {Percentile.Of(midCall, 50):0.0} ms, p99 {Percentile.Of(midCall, 99):0.0} ms, max {Percentile.Of(midCall, 100):0.0} ms (n={midCall.Count}; kill -> replacement ready)");
        Row(output, "recovery, kill between calls", $"p50 {Percentile.Of(idle, 50):0.0} ms, p99 {Percentile.Of(idle, 99):0.0} ms, max {Percentile.Of(idle, 100):0.0} ms (n={idle.Count}; the parked worker replaces it as soon as the process exits)");
        Row(output, "worker process start", $"p50 {Percentile.Of(starts, 50):0.0} ms, p99 {Percentile.Of(starts, 99):0.0} ms");
        output.WriteLine();

        var all = recoveries.Select(r => r.Elapsed.TotalMilliseconds).ToList();
        output.WriteLine($"chaos: jobs={run.Jobs.Count} lost={ChaosChecks.Lost(run)} duplicated={ChaosChecks.Duplicated(run)} kills={kills.Count} recovery_p99_ms={Percentile.Of(all, 99):0}");
    }

    private static string Describe(JobRecord j) => j.Outcome switch
    {
        null => "no outcome",
        JobOutcome.Completed => "completed",
        JobOutcome outcome => $"{outcome.ToString().ToLowerInvariant()} ({j.ErrorType?.Name}{(j.PythonErrorType is { } py ? " " + py : "")})",
    };

    private static void Row(TextWriter output, string name, string value) => output.WriteLine($"  {name,-30} {value}");
}
